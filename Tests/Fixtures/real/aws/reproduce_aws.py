"""The aws CLI's own text output code, run on the answers EC2 would give (no server needed).

Imports the real aws CLI (the PyPI package awscli pinned in scripts/requirements-test.txt) and
calls awscli.formatter.TextFormatter, what `--output text` prints with, after the --query
expression through jmespath as the CLI applies it. The responses are in the shape of EC2's
DescribeVolumes and DescribeSnapshots answers (botocore's ec2 service model); issue 18 runs
the whole CLI against moto.
"""
import argparse
import io

import jmespath
from awscli.formatter import TextFormatter


def text_output(response, query):
    """What `aws ec2 ... --query QUERY --output text` prints for this response."""
    arguments = argparse.Namespace(query=jmespath.compile(query))
    stream = io.StringIO()
    TextFormatter(arguments)("ec2", response, stream)
    return stream.getvalue()


VOLUME_QUERY = "Volumes[0].[AvailabilityZone,Size,State,Attachments[0].State]"


def volume(state, attachments):
    """One volume as DescribeVolumes returns it."""
    return {"Volumes": [{"AvailabilityZone": "eu-west-1a", "Size": 1024, "State": state, "VolumeId": "vol-0123456789abcdef0",
                         "VolumeType": "gp3", "Attachments": attachments}]}


FILES = {
    "aws/describe-volumes/attached.txt": lambda: text_output(
        volume("in-use", [{"State": "attached", "InstanceId": "i-0abc", "Device": "/dev/xvdf"}]), VOLUME_QUERY),
    "aws/describe-volumes/detached.txt": lambda: text_output(volume("available", []), VOLUME_QUERY),
    "aws/describe-volumes/id-and-state.txt": lambda: text_output(volume("creating", []), "Volumes[0].[VolumeId,State]"),
    "aws/describe-snapshots/none-tagged.txt": lambda: text_output({"Snapshots": []}, "Snapshots[0].[SnapshotId,State]"),
    "aws/describe-snapshots/none-tagged-id.txt": lambda: text_output({"Snapshots": []}, "Snapshots[0].SnapshotId"),
    "aws/describe-snapshots/pending.txt": lambda: text_output(
        {"Snapshots": [{"SnapshotId": "snap-0123456789abcdef0", "State": "pending", "Progress": "14%"}]}, "Snapshots[0].[SnapshotId,State]"),
    "aws/create-snapshot/id.txt": lambda: text_output(
        {"SnapshotId": "snap-0123456789abcdef0", "State": "pending", "VolumeId": "vol-0123456789abcdef0"}, "SnapshotId"),
}
