#if !FUZZING
@main struct Replay { static func main() { print("replay") } }
#endif
@_cdecl("LLVMFuzzerTestOneInput") public func fuzz(_ d: UnsafePointer<UInt8>, _ n: Int) -> CInt { 0 }
