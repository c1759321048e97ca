import FuzzDriver
import Foundation

// libFuzzer's driver runs the inputs through LLVMFuzzerTestOneInput and exits with its status.
exit(linqbot_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
