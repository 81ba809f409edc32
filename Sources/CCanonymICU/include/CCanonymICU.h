// CCanonymICU — Canonym's C shim over ICU4C.
//
// Debian builds ICU with symbol renaming (`utrans_openU` becomes `utrans_openU_72`), which Swift
// cannot see through. This header declares Canonym's own prefixed, unversioned functions; only the
// shim's `.c` files include ICU. Text crosses the boundary as UTF-16 code units (`uint16_t`),
// errors as ICU's numeric status codes (`cnm_status`, 0 = success, > 0 = failure, < 0 = warning),
// and ICU objects as opaque handles.
#ifndef CCANONYM_ICU_H
#define CCANONYM_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's `UErrorCode`, as a plain integer.
typedef int32_t cnm_status;

/// ICU's name for a status code, e.g. "U_BUFFER_OVERFLOW_ERROR". Never NULL.
const char *cnm_status_name(cnm_status status);

/// Writes ICU's version ("72.1") into `buffer` (at least 24 bytes).
void cnm_icu_version(char *buffer, int32_t capacity);

// MARK: Normalization

/// Normalization forms the shim offers.
typedef enum {
    CNM_NFC = 0,
    CNM_NFD = 1,
    CNM_NFKC = 2,
    CNM_NFKC_CASEFOLD = 3,
} cnm_normalization_form;

/// Normalizes `source` into `destination`. Returns the full length needed; if it exceeds
/// `capacity`, `*status` is U_BUFFER_OVERFLOW_ERROR and the caller retries with a larger buffer.
int32_t cnm_normalize(cnm_normalization_form form,
                      const uint16_t *source, int32_t length,
                      uint16_t *destination, int32_t capacity,
                      cnm_status *status);

/// Lower-cases `source` with the root locale's full case mapping (same contract as cnm_normalize).
int32_t cnm_to_lower(const uint16_t *source, int32_t length,
                     uint16_t *destination, int32_t capacity,
                     cnm_status *status);

// MARK: Transliteration

/// An opaque ICU transliterator. Not thread-safe: use one per thread.
typedef struct cnm_transliterator cnm_transliterator;

/// Opens a system transliterator by ID or compound ID ("Ukrainian-Latin/BGN; Latin-ASCII").
cnm_transliterator *cnm_transliterator_open_id(const uint16_t *id, int32_t id_length,
                                               cnm_status *status);

/// Compiles a transliterator from ICU rule text. On a syntax error, `*error_line` and
/// `*error_offset` locate it (1-based line as ICU reports it, offset within that line).
cnm_transliterator *cnm_transliterator_open_rules(const uint16_t *id, int32_t id_length,
                                                  const uint16_t *rules, int32_t rules_length,
                                                  int32_t *error_line, int32_t *error_offset,
                                                  cnm_status *status);

/// Registers a transliterator under its ID, so later rules can call it with `::ID;`.
/// Ownership passes to ICU: never close a registered handle.
void cnm_transliterator_register(cnm_transliterator *transliterator);

/// Whether a transliterator with this ID can be opened (system or registered).
int cnm_transliterator_is_available(const uint16_t *id, int32_t id_length);

/// Transliterates `buffer[0..<*length]` in place. If the result does not fit in `capacity`,
/// `*status` is U_BUFFER_OVERFLOW_ERROR, `*length` holds the needed length and the buffer is
/// left unspecified: retry with a copy of the input in a larger buffer.
void cnm_transliterator_apply(cnm_transliterator *transliterator,
                              uint16_t *buffer, int32_t *length, int32_t capacity,
                              cnm_status *status);

/// Transliterates UTF-8 `source[0..<source_length]` into UTF-8 `destination` (capacity
/// `capacity` bytes) and returns the output's length. The UTF-16 work buffer lives on the stack
/// for words and short phrases, so the hot path allocates nothing. If the output does not fit,
/// `*status` is U_BUFFER_OVERFLOW_ERROR and the return value is the length needed.
int32_t cnm_transliterator_apply_utf8(cnm_transliterator *transliterator,
                                      const char *source, int32_t source_length,
                                      char *destination, int32_t capacity, cnm_status *status);

void cnm_transliterator_close(cnm_transliterator *transliterator);

// MARK: Scripts

/// The Unicode Script property value of a code point (ICU's UScriptCode): 0 Common,
/// 1 Inherited, 8 Cyrillic, 25 Latin, 14 Greek, ...
int32_t cnm_script_of(uint32_t code_point);

/// The four-letter ISO 15924 code of a UScriptCode ("Cyrl"), or "Zzzz" when unknown.
const char *cnm_script_code(int32_t script);

/// Whether a code point stands alone under normalization: canonical combining class 0 and
/// NFC_Quick_Check = Yes, so it never reorders with nor composes onto the character before it.
/// Canonym's fold tables use it to decide which characters may be folded one at a time.
int cnm_is_normalization_starter(uint32_t code_point);

/// Whether the two-character text `first` `second` is in NFC (nothing to compose, decompose or
/// reorder): for a starter followed by a combining mark, whether NFC leaves the mark in place.
int cnm_pair_is_nfc(uint32_t first, uint32_t second);

// MARK: Sets
/// Parses a UnicodeSet pattern ("[:Lu:]", "[^[:L:][:M:]]", "[аеєи]"; white space ignored, as in
/// transliteration rules) and writes its code point ranges as inclusive pairs into `ranges`
/// (room for `capacity` pairs). Returns the number of ranges; if it exceeds `capacity`, nothing
/// useful is written and the caller retries with more room. Returns -1 when the set holds
/// strings (`{ab}`), which a set of code points cannot express; `*status` reports a bad pattern.
int32_t cnm_set_ranges(const uint16_t *pattern, int32_t length,
                       uint32_t *ranges, int32_t capacity, cnm_status *status);
// MARK: Spoof checking (UTS #39)

typedef struct cnm_spoof_checker cnm_spoof_checker;

/// Opens a checker for mixed-script and whole-script confusables.
cnm_spoof_checker *cnm_spoof_open(cnm_status *status);

/// Returns ICU's check result bits (USpoofChecks) for `text`; 0 means nothing suspicious.
int32_t cnm_spoof_check(const cnm_spoof_checker *checker,
                        const uint16_t *text, int32_t length, cnm_status *status);

/// The UTS #39 confusable skeleton of `text` (same buffer contract as cnm_normalize).
int32_t cnm_spoof_skeleton(const cnm_spoof_checker *checker,
                           const uint16_t *text, int32_t length,
                           uint16_t *destination, int32_t capacity, cnm_status *status);

void cnm_spoof_close(cnm_spoof_checker *checker);

// MARK: Memory hints

/// Asks the processor to bring the cache line at `address` in for reading (a hint: it never
/// faults, and does nothing where the processor has no prefetch).
static inline void cnm_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#ifdef __cplusplus
}
#endif

#endif
