// The C library as Embedded Swift sees it: Embedded Swift has no Glibc module, so a program built by
// Scripts/build-embedded.sh imports this one under that name (Glibc.swift). Only what the runtime
// (Sources/XenHypercall) and the live programs use; macros and variadic functions that Swift cannot
// import get a function each.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static inline int *xen_embedded_errno(void) { return &errno; }
static inline int xen_embedded_open(const char *path, int flags) { return open(path, flags); }
static inline int xen_embedded_ioctl(int fd, unsigned long request, void *argument) { return ioctl(fd, request, argument); }
static inline void *xen_embedded_map_failed(void) { return MAP_FAILED; }
static inline FILE *xen_embedded_stderr(void) { return stderr; }
