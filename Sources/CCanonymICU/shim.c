// The only file that includes ICU. See include/CCanonymICU.h for the contract of each function.
#include "CCanonymICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

_Static_assert(sizeof(UChar) == sizeof(uint16_t), "UChar must be 16 bits");
_Static_assert(sizeof(UErrorCode) == sizeof(cnm_status), "UErrorCode must fit cnm_status");

const char *cnm_status_name(cnm_status status) {
    return u_errorName((UErrorCode)status);
}

void cnm_icu_version(char *buffer, int32_t capacity) {
    if (capacity < U_MAX_VERSION_STRING_LENGTH) {
        if (capacity > 0) buffer[0] = 0;
        return;
    }
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, buffer);
}

static const UNormalizer2 *normalizer_for(cnm_normalization_form form, UErrorCode *status) {
    switch (form) {
    case CNM_NFC: return unorm2_getNFCInstance(status);
    case CNM_NFD: return unorm2_getNFDInstance(status);
    case CNM_NFKC: return unorm2_getNFKCInstance(status);
    case CNM_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    }
    *status = U_ILLEGAL_ARGUMENT_ERROR;
    return NULL;
}

int32_t cnm_normalize(cnm_normalization_form form,
                      const uint16_t *source, int32_t length,
                      uint16_t *destination, int32_t capacity,
                      cnm_status *status) {
    UErrorCode error = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = normalizer_for(form, &error);
    if (U_FAILURE(error)) { *status = error; return 0; }
    int32_t result = unorm2_normalize(normalizer, (const UChar *)source, length,
                                      (UChar *)destination, capacity, &error);
    *status = error;
    return result;
}

int32_t cnm_to_lower(const uint16_t *source, int32_t length,
                     uint16_t *destination, int32_t capacity,
                     cnm_status *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t result = u_strToLower((UChar *)destination, capacity,
                                  (const UChar *)source, length, "", &error);
    *status = error;
    return result;
}

cnm_transliterator *cnm_transliterator_open_id(const uint16_t *id, int32_t id_length,
                                               cnm_status *status) {
    UErrorCode error = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU((const UChar *)id, id_length, UTRANS_FORWARD,
                                      NULL, 0, NULL, &error);
    *status = error;
    if (U_FAILURE(error)) { if (t) utrans_close(t); return NULL; }
    return (cnm_transliterator *)t;
}

cnm_transliterator *cnm_transliterator_open_rules(const uint16_t *id, int32_t id_length,
                                                  const uint16_t *rules, int32_t rules_length,
                                                  int32_t *error_line, int32_t *error_offset,
                                                  cnm_status *status) {
    UErrorCode error = U_ZERO_ERROR;
    UParseError parse;
    memset(&parse, 0, sizeof parse);
    UTransliterator *t = utrans_openU((const UChar *)id, id_length, UTRANS_FORWARD,
                                      (const UChar *)rules, rules_length, &parse, &error);
    *status = error;
    *error_line = parse.line;
    *error_offset = parse.offset;
    if (U_FAILURE(error)) { if (t) utrans_close(t); return NULL; }
    return (cnm_transliterator *)t;
}

void cnm_transliterator_register(cnm_transliterator *transliterator) {
    UErrorCode error = U_ZERO_ERROR;
    utrans_register((UTransliterator *)transliterator, &error);
}

int cnm_transliterator_is_available(const uint16_t *id, int32_t id_length) {
    UErrorCode error = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU((const UChar *)id, id_length, UTRANS_FORWARD,
                                      NULL, 0, NULL, &error);
    if (t) utrans_close(t);
    return U_SUCCESS(error) ? 1 : 0;
}

void cnm_transliterator_apply(cnm_transliterator *transliterator,
                              uint16_t *buffer, int32_t *length, int32_t capacity,
                              cnm_status *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t limit = *length;
    utrans_transUChars((const UTransliterator *)transliterator, (UChar *)buffer, length,
                       capacity, 0, &limit, &error);
    *status = error;
}

int32_t cnm_transliterator_apply_utf8(cnm_transliterator *transliterator,
                                      const char *source, int32_t source_length,
                                      char *destination, int32_t capacity, cnm_status *status) {
    UChar stack_buffer[1024];
    UChar *buffer = stack_buffer;
    int32_t buffer_capacity = 1024;
    int32_t result = 0;
    UErrorCode error = U_ZERO_ERROR;
    int32_t units = 0;
    // UTF-8 never takes fewer code units in UTF-16; transliteration may grow the text, so the
    // buffer starts at four times the input and doubles on overflow.
    for (int attempt = 0; attempt < 6; attempt++) {
        int32_t wanted = source_length * 4 + 64;
        if (attempt > 0) wanted = buffer_capacity * 2;
        if (wanted > buffer_capacity || attempt > 0) {
            if (buffer != stack_buffer) free(buffer);
            buffer = (UChar *)malloc((size_t)wanted * sizeof(UChar));
            if (!buffer) { *status = U_MEMORY_ALLOCATION_ERROR; return 0; }
            buffer_capacity = wanted;
        }
        error = U_ZERO_ERROR;
        u_strFromUTF8Lenient(buffer, buffer_capacity, &units, source, source_length, &error);
        if (U_FAILURE(error)) break;
        int32_t limit = units;
        utrans_transUChars((const UTransliterator *)transliterator, buffer, &units, buffer_capacity, 0, &limit, &error);
        if (error != U_BUFFER_OVERFLOW_ERROR) break;
    }
    if (U_SUCCESS(error)) {
        u_strToUTF8(destination, capacity, &result, buffer, units, &error);
        if (error == U_STRING_NOT_TERMINATED_WARNING) error = U_ZERO_ERROR;
    }
    if (buffer != stack_buffer) free(buffer);
    *status = error;
    return result;
}

void cnm_transliterator_close(cnm_transliterator *transliterator) {
    if (transliterator) utrans_close((UTransliterator *)transliterator);
}

int32_t cnm_script_of(uint32_t code_point) {
    UErrorCode error = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript((UChar32)code_point, &error);
    return U_SUCCESS(error) ? (int32_t)script : USCRIPT_INVALID_CODE;
}

int cnm_is_normalization_starter(uint32_t code_point) {
    UChar32 c = (UChar32)code_point;
    return u_getCombiningClass(c) == 0 && u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES;
}

int cnm_pair_is_nfc(uint32_t first, uint32_t second) {
    UErrorCode error = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&error);
    if (U_FAILURE(error)) return 0;
    UChar text[4];
    int32_t length = 0;
    U16_APPEND_UNSAFE(text, length, (UChar32)first);
    U16_APPEND_UNSAFE(text, length, (UChar32)second);
    UBool normalized = unorm2_isNormalized(nfc, text, length, &error);
    return U_SUCCESS(error) && normalized;
}

int32_t cnm_set_ranges(const uint16_t *pattern, int32_t length,
                       uint32_t *ranges, int32_t capacity, cnm_status *status) {
    UErrorCode error = U_ZERO_ERROR;
    USet *set = uset_openPatternOptions((const UChar *)pattern, length, USET_IGNORE_SPACE, &error);
    *status = error;
    if (U_FAILURE(error)) return 0;
    int32_t items = uset_getItemCount(set);
    int32_t count = 0;
    for (int32_t i = 0; i < items; i++) {
        UChar32 start = 0, end = 0;
        UErrorCode itemError = U_ZERO_ERROR;
        int32_t stringLength = uset_getItem(set, i, &start, &end, NULL, 0, &itemError);
        if (stringLength != 0) {
            uset_close(set);
            return -1;
        }
        if (count < capacity) {
            ranges[2 * count] = (uint32_t)start;
            ranges[2 * count + 1] = (uint32_t)end;
        }
        count++;
    }
    uset_close(set);
    return count;
}

const char *cnm_script_code(int32_t script) {
    const char *name = uscript_getShortName((UScriptCode)script);
    return name ? name : "Zzzz";
}

cnm_spoof_checker *cnm_spoof_open(cnm_status *status) {
    UErrorCode error = U_ZERO_ERROR;
    USpoofChecker *checker = uspoof_open(&error);
    if (U_SUCCESS(error)) {
        uspoof_setChecks(checker, USPOOF_MIXED_SCRIPT_CONFUSABLE | USPOOF_WHOLE_SCRIPT_CONFUSABLE
                                      | USPOOF_RESTRICTION_LEVEL | USPOOF_INVISIBLE,
                         &error);
        uspoof_setRestrictionLevel(checker, USPOOF_HIGHLY_RESTRICTIVE);
    }
    *status = error;
    if (U_FAILURE(error)) { if (checker) uspoof_close(checker); return NULL; }
    return (cnm_spoof_checker *)checker;
}

int32_t cnm_spoof_check(const cnm_spoof_checker *checker,
                        const uint16_t *text, int32_t length, cnm_status *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t result = uspoof_check((const USpoofChecker *)checker, (const UChar *)text, length,
                                  NULL, &error);
    *status = error;
    return result;
}

int32_t cnm_spoof_skeleton(const cnm_spoof_checker *checker,
                           const uint16_t *text, int32_t length,
                           uint16_t *destination, int32_t capacity, cnm_status *status) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t result = uspoof_getSkeleton((const USpoofChecker *)checker, 0, (const UChar *)text,
                                        length, (UChar *)destination, capacity, &error);
    *status = error;
    return result;
}

void cnm_spoof_close(cnm_spoof_checker *checker) {
    if (checker) uspoof_close((USpoofChecker *)checker);
}
