#ifndef LINQBOT_FUZZ_DRIVER_H
#define LINQBOT_FUZZ_DRIVER_H

/// Runs libFuzzer over the target's `LLVMFuzzerTestOneInput` with the process's arguments: the
/// `main` of a fuzz target, which SwiftPM links as an ordinary executable.
int linqbot_fuzz_main(int argc, char **argv);

#endif
