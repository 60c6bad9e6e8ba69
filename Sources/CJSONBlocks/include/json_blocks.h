#ifndef JSON_BLOCKS_H
#define JSON_BLOCKS_H

// Classifies 64 bytes of JSON at once into one bit per byte for each character
// that gives JSON its structure. Swift's portable SIMD types cannot turn a byte
// comparison into a bitmask, which is what makes this fast, so this one kernel
// is C: SSE2 on x86-64 and NEON on ARM64 (both part of those architectures'
// baselines), and a portable loop anywhere else.

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__ARM_NEON)
#include <arm_neon.h>
#endif

/// Bit i stands for byte i of the block.
typedef struct {
    uint64_t quotes;
    uint64_t backslashes;
    /// `{` and `[`.
    uint64_t opening;
    /// `}` and `]`.
    uint64_t closing;
} json_block_classes;

/// The reference the vector versions must agree with.
static inline json_block_classes json_classify_block_portable(const uint8_t *bytes) {
    json_block_classes classes = {0, 0, 0, 0};
    for (int i = 0; i < 64; i++) {
        uint8_t byte = bytes[i];
        uint64_t bit = (uint64_t)1 << i;
        if (byte == '"') classes.quotes |= bit;
        if (byte == '\\') classes.backslashes |= bit;
        if (byte == '{' || byte == '[') classes.opening |= bit;
        if (byte == '}' || byte == ']') classes.closing |= bit;
    }
    return classes;
}

#if defined(__SSE2__)

typedef __m128i json_blocks_vector_;

static inline json_blocks_vector_ json_blocks_load_(const uint8_t *bytes) {
    return _mm_loadu_si128((const __m128i *)bytes);
}

static inline json_blocks_vector_ json_blocks_splat_(uint8_t byte) { return _mm_set1_epi8((char)byte); }

static inline json_blocks_vector_ json_blocks_or_(json_blocks_vector_ a, json_blocks_vector_ b) {
    return _mm_or_si128(a, b);
}

static inline uint64_t json_blocks_mask_(json_blocks_vector_ a, json_blocks_vector_ b, json_blocks_vector_ c,
                                         json_blocks_vector_ d, json_blocks_vector_ wanted) {
    uint64_t m0 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a, wanted));
    uint64_t m1 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(b, wanted));
    uint64_t m2 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(c, wanted));
    uint64_t m3 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(d, wanted));
    return m0 | m1 << 16 | m2 << 32 | m3 << 48;
}

#elif defined(__ARM_NEON)

typedef uint8x16_t json_blocks_vector_;

static inline json_blocks_vector_ json_blocks_load_(const uint8_t *bytes) { return vld1q_u8(bytes); }

static inline json_blocks_vector_ json_blocks_splat_(uint8_t byte) { return vdupq_n_u8(byte); }

static inline json_blocks_vector_ json_blocks_or_(json_blocks_vector_ a, json_blocks_vector_ b) {
    return vorrq_u8(a, b);
}

static inline uint64_t json_blocks_mask_(json_blocks_vector_ a, json_blocks_vector_ b, json_blocks_vector_ c,
                                         json_blocks_vector_ d, json_blocks_vector_ wanted) {
    const uint8x16_t weights = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    uint8x16_t ma = vandq_u8(vceqq_u8(a, wanted), weights);
    uint8x16_t mb = vandq_u8(vceqq_u8(b, wanted), weights);
    uint8x16_t mc = vandq_u8(vceqq_u8(c, wanted), weights);
    uint8x16_t md = vandq_u8(vceqq_u8(d, wanted), weights);
    // Three rounds of pairwise sums fold each run of eight weighted bytes into one.
    uint8x16_t sum = vpaddq_u8(vpaddq_u8(ma, mb), vpaddq_u8(mc, md));
    sum = vpaddq_u8(sum, sum);
    return vgetq_lane_u64(vreinterpretq_u64_u8(sum), 0);
}

#endif

#if defined(__SSE2__) || defined(__ARM_NEON)

static inline json_block_classes json_classify_block(const uint8_t *bytes) {
    json_blocks_vector_ a = json_blocks_load_(bytes), b = json_blocks_load_(bytes + 16);
    json_blocks_vector_ c = json_blocks_load_(bytes + 32), d = json_blocks_load_(bytes + 48);
    // Setting bit 5 maps `[` to `{` and `]` to `}`, and nothing else onto either.
    json_blocks_vector_ fold = json_blocks_splat_(0x20);
    json_blocks_vector_ fa = json_blocks_or_(a, fold), fb = json_blocks_or_(b, fold);
    json_blocks_vector_ fc = json_blocks_or_(c, fold), fd = json_blocks_or_(d, fold);
    json_block_classes classes;
    classes.quotes = json_blocks_mask_(a, b, c, d, json_blocks_splat_('"'));
    classes.backslashes = json_blocks_mask_(a, b, c, d, json_blocks_splat_('\\'));
    classes.opening = json_blocks_mask_(fa, fb, fc, fd, json_blocks_splat_('{'));
    classes.closing = json_blocks_mask_(fa, fb, fc, fd, json_blocks_splat_('}'));
    return classes;
}

#else

static inline json_block_classes json_classify_block(const uint8_t *bytes) {
    return json_classify_block_portable(bytes);
}

#endif

#endif
