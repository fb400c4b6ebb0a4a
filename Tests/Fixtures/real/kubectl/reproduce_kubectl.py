#!/usr/bin/env python3
"""Records what the real kubectl prints for the runbook's `-o name` and `-o jsonpath=` reads.

kubectl prints both offline with `annotate --local -f OBJECT -o ...` (the same printers as
`get`, missing keys allowed), and `config get-contexts -o name` from a kubeconfig alone, so
nothing here is modelled: `reproduce_kubectl.py` writes names.txt, answers.txt and
contexts.txt from the kubectl on PATH; `--check` fails when they differ from what it prints,
or when the library reads a jsonpath expression that cases.txt does not cover.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
LIBRARY = HERE.parents[3] / "Sources" / "CMPlan" / "Emit" / "Library"
KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
- name: refused
  cluster: {server: "https://127.0.0.1:1"}
users:
- name: nobody
  user: {token: none}
contexts:
- name: old-cluster
  context: {cluster: refused, user: nobody}
- name: eks-prod
  context: {cluster: refused, user: nobody}
current-context: eks-prod
"""


def kubectl(arguments, environment):
    """One kubectl call; its standard output, failing loudly on a non-zero exit."""
    done = subprocess.run(["kubectl", *arguments], capture_output=True, text=True, env=environment, check=False)
    if done.returncode != 0:
        sys.exit(f"kubectl {' '.join(arguments)} failed: {done.stderr.strip()}")
    return done.stdout


def library_expressions():
    """Every jsonpath expression the library reads; ${key} stands for a progress-record key."""
    found = set()
    for path in sorted(LIBRARY.glob("*.sh")):
        text = path.read_text()
        # 'jsonpath={...}' (a whole single-quoted word, filters may hold double quotes), or
        # jsonpath='{...}' / jsonpath={...} inside double quotes.
        for expression in re.findall(r"'jsonpath=(\{[^']*\})'", text) + re.findall(r"jsonpath='?(\{[^'\"]*\})", text):
            found.add(expression.replace("${key}", "KEY"))
    return found


def outputs(environment):
    """The three files as the kubectl on PATH prints them."""
    objects = sorted(p.name for p in (HERE / "objects").glob("*.yaml"))
    names = "".join(
        f"{name}\t{kubectl(['annotate', '--local', '-f', str(HERE / 'objects' / name), 'cmplan/probe=1', '-o', 'name'], environment)}"
        for name in objects)
    answers = ""
    for line in (HERE / "cases.txt").read_text().splitlines():
        name, expression = line.split("\t")
        answer = kubectl(['annotate', '--local', '-f', str(HERE / 'objects' / name), 'cmplan/probe=1',
                          '-o', f'jsonpath={expression}'], environment)
        answers += f"{name}\t{expression}\t{answer}\n"
    contexts = kubectl(["config", "get-contexts", "-o", "name"], environment)
    return {"names.txt": names, "answers.txt": answers, "contexts.txt": contexts}


def main():
    """Writes, or with --check compares, the recorded kubectl outputs."""
    if shutil.which("kubectl") is None:
        sys.exit("kubectl is not on PATH: the runbooks need it too (https://kubernetes.io/docs/tasks/tools/)")
    check = sys.argv[1:] == ["--check"]
    covered = {line.split("\t")[1] for line in (HERE / "cases.txt").read_text().splitlines()}
    # A case covers its own expression and, for a data key, every key the library computes.
    covered_shapes = covered | {re.sub(r"^\{\.data\.[A-Za-z0-9_]+\}$", "{.data.KEY}", expression) for expression in covered}
    missing = sorted(library_expressions() - covered_shapes)
    if missing:
        sys.exit("cases.txt does not cover the library's jsonpath " + ", ".join(missing))
    with tempfile.TemporaryDirectory() as home:
        config = pathlib.Path(home) / "config"
        config.write_text(KUBECONFIG)
        environment = dict(os.environ, KUBECONFIG=str(config), HOME=home)
        version = kubectl(["version", "--client"], environment).splitlines()[0]
        produced = outputs(environment)
    stale = []
    for name, text in produced.items():
        path = HERE / name
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
    if stale:
        sys.exit(f"kubectl ({version}) prints otherwise than " + ", ".join(stale) + ": run Tests/Fixtures/real/kubectl/reproduce_kubectl.py")
    print(f"kubectl corpus {'matches' if check else 'written by'} {version}")


if __name__ == "__main__":
    main()
