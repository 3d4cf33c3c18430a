/// The C library headers the reader supplies itself, in memory, so that every libclang reads the same text.
///
/// The Xen headers need `<stdint.h>` first (and the ring macros `<stddef.h>`). Which file clang finds for it depends on the libclang:
/// Debian's LLVM 14 takes its own freestanding header from its resource folder, while the Swift
/// toolchain's LLVM 21 looks for its resource folder relative to the working directory, misses it,
/// and takes glibc's, which exists only for the host's architecture (so `-target aarch64-linux-gnu`
/// failed with one libclang and worked with the other). This header is built from the macros every
/// clang predefines for the target (`__UINT64_TYPE__`, …), as a freestanding `<stdint.h>` is.
enum FreestandingHeaders {
    /// The in-memory folder they live in: outside every header tree, so their typedefs are not the tree's.
    static let root = "/.xen-swiftgen-freestanding"

    /// The headers by name.
    static let files: [String: String] = ["stdint.h": stdint, "stddef.h": stddef, "errno.h": errno]

    /// `<errno.h>`: the error names (Linux's numbers, `asm-generic/errno-base.h` and `errno.h`) that
    /// `io/xs_wire.h` puts in its error table; before Xen 4.x it did so without `#ifdef EINVAL`, so a
    /// parse without them failed on every old tree.
    private static let errno = """
        #ifndef XEN_SWIFTGEN_ERRNO_H
        #define XEN_SWIFTGEN_ERRNO_H
        #define EPERM 1
        #define ENOENT 2
        #define EIO 5
        #define E2BIG 7
        #define EAGAIN 11
        #define ENOMEM 12
        #define EACCES 13
        #define EBUSY 16
        #define EEXIST 17
        #define EISDIR 21
        #define EINVAL 22
        #define ENOSPC 28
        #define EROFS 30
        #define ENOSYS 38
        #define ENOTEMPTY 39
        #define EISCONN 106
        #endif
        """

    /// `<stdint.h>`: the exact-width, least, fast, pointer and max integer types with their limits and constants.
    private static let stdint = """
        #ifndef XEN_SWIFTGEN_STDINT_H
        #define XEN_SWIFTGEN_STDINT_H
        typedef __INT8_TYPE__ int8_t;
        typedef __INT16_TYPE__ int16_t;
        typedef __INT32_TYPE__ int32_t;
        typedef __INT64_TYPE__ int64_t;
        typedef __UINT8_TYPE__ uint8_t;
        typedef __UINT16_TYPE__ uint16_t;
        typedef __UINT32_TYPE__ uint32_t;
        typedef __UINT64_TYPE__ uint64_t;
        typedef __INT_LEAST8_TYPE__ int_least8_t;
        typedef __INT_LEAST16_TYPE__ int_least16_t;
        typedef __INT_LEAST32_TYPE__ int_least32_t;
        typedef __INT_LEAST64_TYPE__ int_least64_t;
        typedef __UINT_LEAST8_TYPE__ uint_least8_t;
        typedef __UINT_LEAST16_TYPE__ uint_least16_t;
        typedef __UINT_LEAST32_TYPE__ uint_least32_t;
        typedef __UINT_LEAST64_TYPE__ uint_least64_t;
        typedef __INT_FAST8_TYPE__ int_fast8_t;
        typedef __INT_FAST16_TYPE__ int_fast16_t;
        typedef __INT_FAST32_TYPE__ int_fast32_t;
        typedef __INT_FAST64_TYPE__ int_fast64_t;
        typedef __UINT_FAST8_TYPE__ uint_fast8_t;
        typedef __UINT_FAST16_TYPE__ uint_fast16_t;
        typedef __UINT_FAST32_TYPE__ uint_fast32_t;
        typedef __UINT_FAST64_TYPE__ uint_fast64_t;
        typedef __INTPTR_TYPE__ intptr_t;
        typedef __UINTPTR_TYPE__ uintptr_t;
        typedef __INTMAX_TYPE__ intmax_t;
        typedef __UINTMAX_TYPE__ uintmax_t;
        #define INT8_MAX __INT8_MAX__
        #define INT16_MAX __INT16_MAX__
        #define INT32_MAX __INT32_MAX__
        #define INT64_MAX __INT64_MAX__
        #define INT8_MIN (-INT8_MAX - 1)
        #define INT16_MIN (-INT16_MAX - 1)
        #define INT32_MIN (-INT32_MAX - 1)
        #define INT64_MIN (-INT64_MAX - 1)
        #define UINT8_MAX __UINT8_MAX__
        #define UINT16_MAX __UINT16_MAX__
        #define UINT32_MAX __UINT32_MAX__
        #define UINT64_MAX __UINT64_MAX__
        #define INTPTR_MAX __INTPTR_MAX__
        #define INTPTR_MIN (-INTPTR_MAX - 1)
        #define UINTPTR_MAX __UINTPTR_MAX__
        #define INTMAX_MAX __INTMAX_MAX__
        #define INTMAX_MIN (-INTMAX_MAX - 1)
        #define UINTMAX_MAX __UINTMAX_MAX__
        #define SIZE_MAX __SIZE_MAX__
        #define PTRDIFF_MAX __PTRDIFF_MAX__
        #define PTRDIFF_MIN (-PTRDIFF_MAX - 1)
        #define XEN_SWIFTGEN_PASTE(value, suffix) value ## suffix
        #define XEN_SWIFTGEN_SUFFIXED(value, suffix) XEN_SWIFTGEN_PASTE(value, suffix)
        #define INT8_C(value) value
        #define INT16_C(value) value
        #define INT32_C(value) XEN_SWIFTGEN_SUFFIXED(value, __INT32_C_SUFFIX__)
        #define INT64_C(value) XEN_SWIFTGEN_SUFFIXED(value, __INT64_C_SUFFIX__)
        #define UINT8_C(value) value
        #define UINT16_C(value) value
        #define UINT32_C(value) XEN_SWIFTGEN_SUFFIXED(value, __UINT32_C_SUFFIX__)
        #define UINT64_C(value) XEN_SWIFTGEN_SUFFIXED(value, __UINT64_C_SUFFIX__)
        #define INTMAX_C(value) XEN_SWIFTGEN_SUFFIXED(value, __INTMAX_C_SUFFIX__)
        #define UINTMAX_C(value) XEN_SWIFTGEN_SUFFIXED(value, __UINTMAX_C_SUFFIX__)
        #endif

        """

    /// `<stddef.h>`: `size_t`, `ptrdiff_t`, `NULL` and `offsetof` (the ring macros of `io/` use `size_t`
    /// unincluded). A config that defines `size_t` as a macro (`size_t=__SIZE_TYPE__`) keeps its macro.
    private static let stddef = """
        #ifndef XEN_SWIFTGEN_STDDEF_H
        #define XEN_SWIFTGEN_STDDEF_H
        #ifndef size_t
        typedef __SIZE_TYPE__ size_t;
        #endif
        #ifndef ptrdiff_t
        typedef __PTRDIFF_TYPE__ ptrdiff_t;
        #endif
        #ifndef NULL
        #define NULL ((void *)0)
        #endif
        #define offsetof(type, member) __builtin_offsetof(type, member)
        #endif

        """
}
