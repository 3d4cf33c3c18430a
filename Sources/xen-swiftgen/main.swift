import XenSwiftGenCLI

// The shipped tool: the commands of XenSwiftGenCLI, with no test hook installed.
XenSwiftGenCommand.main()
