//! Corpus generation: the random source, a hand-written SplitMix64.
//!
//! Why not a crate: the corpus must be byte-for-byte the same for a given seed on
//! every machine and every future build. SplitMix64 (Steele, Lea & Flood, 2014) is a
//! fixed, published algorithm of a few lines with no platform-dependent step, so it
//! can never change under us the way `rand`'s `StdRng` may between versions, and it
//! costs no dependency. Its quality is ample for picking names and dates.

/// A SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// The SplitMix64 finalizer: a good 64-bit mixing function on its own.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator for one stream: the corpus seed and a stream number (a record's
    /// index), so every record draws from its own stream and does not depend on how
    /// many records come before or after it.
    pub fn for_stream(seed: u64, stream: u64) -> Rng {
        Rng {
            state: mix(seed ^ mix(stream.wrapping_add(GOLDEN_GAMMA))),
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix(self.state)
    }

    /// A number in `0..n` (0 when `n` is 0), by Lemire's multiply-shift (the tiny
    /// bias is irrelevant here and keeps the draw count fixed).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a slice; `None` only for an empty slice.
    pub fn choose<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        items.get(self.below(items.len() as u64) as usize).copied()
    }

    /// One element of a constant, non-empty list of strings (`""` if it were empty).
    pub fn pick(&mut self, items: &[&'static str]) -> &'static str {
        self.choose(items).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_output() {
        // Reference: splitmix64.c by Sebastiano Vigna, state starting at 0.
        let mut r = Rng { state: 0 };
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn streams_differ_and_repeat() {
        let a: Vec<u64> = (0..4).map(|_| Rng::for_stream(1, 7).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::for_stream(1, 7).next_u64(),
            Rng::for_stream(1, 8).next_u64()
        );
        assert_ne!(
            Rng::for_stream(1, 7).next_u64(),
            Rng::for_stream(2, 7).next_u64()
        );
    }

    #[test]
    fn below_and_range_stay_in_bounds() {
        let mut r = Rng::for_stream(3, 3);
        for _ in 0..10_000 {
            assert!(r.below(7) < 7);
            let x = r.range(-2, 5);
            assert!((-2..=5).contains(&x));
        }
        assert_eq!(r.below(0), 0);
        assert_eq!(r.range(4, 4), 4);
    }
}
