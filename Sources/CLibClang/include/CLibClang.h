// Hand-written declarations of the part of libclang's C API (clang-c/Index.h) that xen-swiftgen uses.
// libclang's C ABI is stable across LLVM releases, so these match every libclang from LLVM 6 on.
// The library is opened at run time (dlopen), so the package needs no -lclang and no unsafeFlags.
#ifndef XEN_SWIFTGEN_CLIBCLANG_H
#define XEN_SWIFTGEN_CLIBCLANG_H

#include <stddef.h>

typedef void *CXIndex;
typedef struct CXTranslationUnitImpl *CXTranslationUnit;
typedef void *CXClientData;
typedef void *CXFile;
typedef void *CXDiagnostic;

typedef struct { const void *data; unsigned private_flags; } CXString;
typedef struct { const void *ptr_data[2]; unsigned int_data; } CXSourceLocation;
typedef struct { const void *ptr_data[2]; unsigned begin_int_data; unsigned end_int_data; } CXSourceRange;
typedef struct { unsigned count; CXSourceRange *ranges; } CXSourceRangeList;
typedef struct { int kind; int xdata; const void *data[3]; } CXCursor;
typedef struct { int kind; void *data[2]; } CXType;
typedef struct { unsigned int_data[4]; void *ptr_data; } CXToken;
typedef struct { const char *Filename; const char *Contents; unsigned long Length; } CXUnsavedFile;

/// Returns 0 (break), 1 (continue) or 2 (recurse).
typedef int (*CXCursorVisitor)(CXCursor cursor, CXCursor parent, CXClientData client_data);
typedef void (*CXInclusionVisitor)(CXFile included_file, CXSourceLocation *inclusion_stack,
                                   unsigned include_len, CXClientData client_data);

/// Function table filled by `xsg_libclang_open`.
typedef struct {
    CXString (*getClangVersion)(void);
    const char *(*getCString)(CXString);
    void (*disposeString)(CXString);

    CXIndex (*createIndex)(int, int);
    void (*disposeIndex)(CXIndex);
    int (*parseTranslationUnit2)(CXIndex, const char *, const char *const *, int,
                                 CXUnsavedFile *, unsigned, unsigned, CXTranslationUnit *);
    void (*disposeTranslationUnit)(CXTranslationUnit);
    void (*getInclusions)(CXTranslationUnit, CXInclusionVisitor, CXClientData);

    unsigned (*getNumDiagnostics)(CXTranslationUnit);
    CXDiagnostic (*getDiagnostic)(CXTranslationUnit, unsigned);
    int (*getDiagnosticSeverity)(CXDiagnostic);
    CXSourceLocation (*getDiagnosticLocation)(CXDiagnostic);
    CXString (*getDiagnosticSpelling)(CXDiagnostic);
    void (*disposeDiagnostic)(CXDiagnostic);

    CXCursor (*getTranslationUnitCursor)(CXTranslationUnit);
    unsigned (*visitChildren)(CXCursor, CXCursorVisitor, CXClientData);
    int (*getCursorKind)(CXCursor);
    CXString (*getCursorSpelling)(CXCursor);
    CXSourceLocation (*getCursorLocation)(CXCursor);
    CXSourceRange (*getCursorExtent)(CXCursor);
    CXType (*getCursorType)(CXCursor);
    unsigned (*Cursor_isAnonymous)(CXCursor);
    unsigned (*Cursor_isBitField)(CXCursor);
    int (*getFieldDeclBitWidth)(CXCursor);
    long long (*Cursor_getOffsetOfField)(CXCursor);
    unsigned (*isCursorDefinition)(CXCursor);
    CXType (*getTypedefDeclUnderlyingType)(CXCursor);
    long long (*getEnumConstantDeclValue)(CXCursor);
    unsigned long long (*getEnumConstantDeclUnsignedValue)(CXCursor);
    CXType (*getEnumDeclIntegerType)(CXCursor);
    unsigned (*Cursor_isMacroFunctionLike)(CXCursor);
    unsigned (*Cursor_isAnonymousRecordDecl)(CXCursor);
    long long (*Type_getOffsetOf)(CXType, const char *);

    CXString (*getTypeSpelling)(CXType);
    long long (*Type_getSizeOf)(CXType);
    long long (*Type_getAlignOf)(CXType);
    CXType (*getCanonicalType)(CXType);
    CXCursor (*getTypeDeclaration)(CXType);
    CXType (*getArrayElementType)(CXType);
    long long (*getArraySize)(CXType);
    CXType (*getPointeeType)(CXType);
    CXType (*Type_getNamedType)(CXType);
    CXString (*getTypedefName)(CXType);

    void (*getFileLocation)(CXSourceLocation, CXFile *, unsigned *, unsigned *, unsigned *);
    CXString (*getFileName)(CXFile);
    CXFile (*getFile)(CXTranslationUnit, const char *);
    const char *(*getFileContents)(CXTranslationUnit, CXFile, size_t *);
    CXSourceLocation (*getLocationForOffset)(CXTranslationUnit, CXFile, unsigned);
    CXSourceRange (*getRange)(CXSourceLocation, CXSourceLocation);
    CXSourceLocation (*getRangeStart)(CXSourceRange);
    CXSourceLocation (*getRangeEnd)(CXSourceRange);

    void (*tokenize)(CXTranslationUnit, CXSourceRange, CXToken **, unsigned *);
    int (*getTokenKind)(CXToken);
    CXSourceRange (*getTokenExtent)(CXTranslationUnit, CXToken);
    void (*disposeTokens)(CXTranslationUnit, CXToken *, unsigned);

    CXSourceRangeList *(*getSkippedRanges)(CXTranslationUnit, CXFile);
    void (*disposeSourceRangeList)(CXSourceRangeList *);
} XSGLibClang;

/// Opens the libclang at `path` and resolves every function of `api`.
/// Returns 0 on success; otherwise writes a one-line reason into `error` and returns -1.
int xsg_libclang_open(const char *path, XSGLibClang *api, char *error, size_t error_size);

/// 1 when the process runs without a dynamic loader (linked with -static-executable): `dlopen`
/// cannot load libclang, which needs the shared C and C++ libraries, into such a process.
int xsg_is_static_executable(void);

#endif
