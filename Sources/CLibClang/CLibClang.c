#include "CLibClang.h"
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#define XSG_BIND(field, symbol)                                                           \
    do {                                                                                  \
        void *address = dlsym(handle, #symbol);                                           \
        if (address == NULL) {                                                            \
            snprintf(error, error_size, "%s does not export %s (not a usable libclang)",  \
                     path, #symbol);                                                      \
            dlclose(handle);                                                              \
            return -1;                                                                    \
        }                                                                                 \
        memcpy(&api->field, &address, sizeof(address));                                   \
    } while (0)

int xsg_libclang_open(const char *path, XSGLibClang *api, char *error, size_t error_size) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(error, error_size, "%s", reason ? reason : "dlopen failed");
        return -1;
    }
    XSG_BIND(getClangVersion, clang_getClangVersion);
    XSG_BIND(getCString, clang_getCString);
    XSG_BIND(disposeString, clang_disposeString);
    XSG_BIND(createIndex, clang_createIndex);
    XSG_BIND(disposeIndex, clang_disposeIndex);
    XSG_BIND(parseTranslationUnit2, clang_parseTranslationUnit2);
    XSG_BIND(disposeTranslationUnit, clang_disposeTranslationUnit);
    XSG_BIND(getInclusions, clang_getInclusions);
    XSG_BIND(getNumDiagnostics, clang_getNumDiagnostics);
    XSG_BIND(getDiagnostic, clang_getDiagnostic);
    XSG_BIND(getDiagnosticSeverity, clang_getDiagnosticSeverity);
    XSG_BIND(getDiagnosticLocation, clang_getDiagnosticLocation);
    XSG_BIND(getDiagnosticSpelling, clang_getDiagnosticSpelling);
    XSG_BIND(disposeDiagnostic, clang_disposeDiagnostic);
    XSG_BIND(getTranslationUnitCursor, clang_getTranslationUnitCursor);
    XSG_BIND(visitChildren, clang_visitChildren);
    XSG_BIND(getCursorKind, clang_getCursorKind);
    XSG_BIND(getCursorSpelling, clang_getCursorSpelling);
    XSG_BIND(getCursorLocation, clang_getCursorLocation);
    XSG_BIND(getCursorExtent, clang_getCursorExtent);
    XSG_BIND(getCursorType, clang_getCursorType);
    XSG_BIND(Cursor_isAnonymous, clang_Cursor_isAnonymous);
    XSG_BIND(Cursor_isBitField, clang_Cursor_isBitField);
    XSG_BIND(getFieldDeclBitWidth, clang_getFieldDeclBitWidth);
    XSG_BIND(Cursor_getOffsetOfField, clang_Cursor_getOffsetOfField);
    XSG_BIND(isCursorDefinition, clang_isCursorDefinition);
    XSG_BIND(getTypedefDeclUnderlyingType, clang_getTypedefDeclUnderlyingType);
    XSG_BIND(getEnumConstantDeclValue, clang_getEnumConstantDeclValue);
    XSG_BIND(getEnumConstantDeclUnsignedValue, clang_getEnumConstantDeclUnsignedValue);
    XSG_BIND(getEnumDeclIntegerType, clang_getEnumDeclIntegerType);
    XSG_BIND(Cursor_isMacroFunctionLike, clang_Cursor_isMacroFunctionLike);
    XSG_BIND(Cursor_isAnonymousRecordDecl, clang_Cursor_isAnonymousRecordDecl);
    XSG_BIND(Type_getOffsetOf, clang_Type_getOffsetOf);
    XSG_BIND(getTypeSpelling, clang_getTypeSpelling);
    XSG_BIND(Type_getSizeOf, clang_Type_getSizeOf);
    XSG_BIND(Type_getAlignOf, clang_Type_getAlignOf);
    XSG_BIND(getCanonicalType, clang_getCanonicalType);
    XSG_BIND(getTypeDeclaration, clang_getTypeDeclaration);
    XSG_BIND(getArrayElementType, clang_getArrayElementType);
    XSG_BIND(getArraySize, clang_getArraySize);
    XSG_BIND(getPointeeType, clang_getPointeeType);
    XSG_BIND(Type_getNamedType, clang_Type_getNamedType);
    XSG_BIND(getTypedefName, clang_getTypedefName);
    XSG_BIND(getFileLocation, clang_getFileLocation);
    XSG_BIND(getFileName, clang_getFileName);
    XSG_BIND(getFile, clang_getFile);
    XSG_BIND(getFileContents, clang_getFileContents);
    XSG_BIND(getLocationForOffset, clang_getLocationForOffset);
    XSG_BIND(getRange, clang_getRange);
    XSG_BIND(getRangeStart, clang_getRangeStart);
    XSG_BIND(getRangeEnd, clang_getRangeEnd);
    XSG_BIND(tokenize, clang_tokenize);
    XSG_BIND(getTokenKind, clang_getTokenKind);
    XSG_BIND(getTokenExtent, clang_getTokenExtent);
    XSG_BIND(disposeTokens, clang_disposeTokens);
    XSG_BIND(getSkippedRanges, clang_getSkippedRanges);
    XSG_BIND(disposeSourceRangeList, clang_disposeSourceRangeList);
    return 0;
}

int xsg_is_static_executable(void) {
    /* AT_BASE is where the kernel loaded the program interpreter (ld.so); 0 when there is none. */
    return getauxval(AT_BASE) == 0;
}
