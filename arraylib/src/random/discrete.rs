//! Integer-valued distributions as NumPy 2.4 computes them (`distributions.c`): binomial
//! (inversion for small means, Kachitvichyanukul and Schmeiser's BTPE otherwise) and Poisson
//! (multiplication for small means, Hörmann's PTRS otherwise).

use super::pcg64::Pcg64;

/// Set-up values of the last binomial `(n, p)`, reused while the parameters repeat
/// (NumPy keeps the same cache in the `Generator`, and so does [`super::Generator`]).
#[derive(Clone, Debug, Default)]
pub(super) struct BinomialCache {
    key: Option<(i64, u64)>,
    setup: Setup,
}

#[derive(Clone, Copy, Debug, Default)]
enum Setup {
    #[default]
    None,
    Inversion(Inversion),
    Btpe(Btpe),
}

#[derive(Clone, Copy, Debug)]
struct Inversion {
    q: f64,
    qn: f64,
    bound: i64,
}

#[derive(Clone, Copy, Debug)]
struct Btpe {
    r: f64,
    q: f64,
    m: i64,
    p1: f64,
    xm: f64,
    xl: f64,
    xr: f64,
    c: f64,
    laml: f64,
    lamr: f64,
    p2: f64,
    p3: f64,
    p4: f64,
}

impl Inversion {
    fn new(n: i64, p: f64) -> Inversion {
        let q = 1.0 - p;
        let np = n as f64 * p;
        let bound = (n as f64).min(np + 10.0 * (np * q + 1.0).sqrt()) as i64;
        Inversion {
            q,
            qn: (n as f64 * (-p).ln_1p()).exp(),
            bound,
        }
    }

    /// Walks the probability mass function from 0; restarts beyond `bound`.
    fn draw(&self, bg: &mut Pcg64, n: i64, p: f64) -> i64 {
        let mut x = 0;
        let mut px = self.qn;
        let mut u = bg.next_f64();
        while u > px {
            x += 1;
            if x > self.bound {
                x = 0;
                px = self.qn;
                u = bg.next_f64();
            } else {
                u -= px;
                px = ((n - x + 1) as f64 * p * px) / (x as f64 * self.q);
            }
        }
        x
    }
}

impl Btpe {
    fn new(n: i64, p: f64) -> Btpe {
        let nf = n as f64;
        let r = p.min(1.0 - p);
        let q = 1.0 - r;
        let fm = nf * r + r;
        let m = fm.floor() as i64;
        let p1 = (2.195 * (nf * r * q).sqrt() - 4.6 * q).floor() + 0.5;
        let xm = m as f64 + 0.5;
        let xl = xm - p1;
        let xr = xm + p1;
        let c = 0.134 + 20.5 / (15.3 + m as f64);
        let a = (fm - xl) / (fm - xl * r);
        let laml = a * (1.0 + a / 2.0);
        let a = (xr - fm) / (xr * q);
        let lamr = a * (1.0 + a / 2.0);
        let p2 = p1 * (1.0 + 2.0 * c);
        let p3 = p2 + c / laml;
        let p4 = p3 + c / lamr;
        Btpe {
            r,
            q,
            m,
            p1,
            xm,
            xl,
            xr,
            c,
            laml,
            lamr,
            p2,
            p3,
            p4,
        }
    }

    /// Stirling's correction term of the final acceptance bound.
    fn stirling(f: f64, f2: f64) -> f64 {
        // NumPy 2.4 uses 13680 here and adds all four terms (the 1988 paper's form); later
        // NumPy versions corrected both, which changes streams, so we keep 2.4's.
        (13680. - (462. - (132. - (99. - 140. / f2) / f2) / f2) / f2) / f / 166320.
    }

    /// One BTPE draw for `p <= 0.5` (the caller reflects for `p > 0.5`).
    fn draw(&self, bg: &mut Pcg64, n: i64) -> i64 {
        let Btpe {
            r,
            q,
            m,
            p1,
            xm,
            xl,
            xr,
            c,
            laml,
            lamr,
            p2,
            p3,
            p4,
        } = *self;
        let nf = n as f64;
        let nrq = nf * r * q;
        loop {
            let u = bg.next_f64() * p4;
            let mut v = bg.next_f64();
            // Triangular centre: accepted at once.
            if u <= p1 {
                return (xm - p1 * v + u).floor() as i64;
            }
            let y = if u <= p2 {
                // Parallelograms.
                let x = xl + (u - p1) / c;
                v = v * c + 1.0 - (m as f64 - x + 0.5).abs() / p1;
                if v > 1.0 {
                    continue;
                }
                x.floor() as i64
            } else if u <= p3 {
                // Left exponential tail.
                let y = (xl + v.ln() / laml).floor() as i64;
                if y < 0 || v == 0.0 {
                    continue;
                }
                v *= (u - p2) * laml;
                y
            } else {
                // Right exponential tail.
                let y = (xr - v.ln() / lamr).floor() as i64;
                if y > n || v == 0.0 {
                    continue;
                }
                v *= (u - p3) * lamr;
                y
            };
            let k = (y - m).abs();
            if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
                // Explicit evaluation of f(y) / f(m).
                let s = r / q;
                let a = s * (nf + 1.0);
                let mut f = 1.0;
                if m < y {
                    for i in m + 1..=y {
                        f *= a / i as f64 - s;
                    }
                } else if m > y {
                    for i in y + 1..=m {
                        f /= a / i as f64 - s;
                    }
                }
                if v > f {
                    continue;
                }
                return y;
            }
            // Squeeze on log(f(y) / f(m)), then the full Stirling bound.
            let kf = k as f64;
            let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
            let t = (-k * k) as f64 / (2.0 * nrq);
            let log_v = v.ln();
            if log_v < t - rho {
                return y;
            }
            if log_v > t + rho {
                continue;
            }
            let x1 = y as f64 + 1.0;
            let f1 = m as f64 + 1.0;
            let z = nf + 1.0 - m as f64;
            let w = nf - y as f64 + 1.0;
            let bound = xm * (f1 / x1).ln()
                + ((n - m) as f64 + 0.5) * (z / w).ln()
                + (y - m) as f64 * (w * r / (x1 * q)).ln()
                + Btpe::stirling(f1, f1 * f1)
                + Btpe::stirling(z, z * z)
                + Btpe::stirling(x1, x1 * x1)
                + Btpe::stirling(w, w * w);
            if log_v > bound {
                continue;
            }
            return y;
        }
    }
}

impl BinomialCache {
    /// One binomial(n, p) draw; `n >= 0` and `0 <= p <= 1` are checked by the caller.
    pub(super) fn draw(&mut self, bg: &mut Pcg64, n: i64, p: f64) -> i64 {
        if n == 0 || p == 0.0 {
            return 0;
        }
        // Draw with the smaller of p and 1 - p, and reflect.
        let (prob, flip) = if p <= 0.5 { (p, false) } else { (1.0 - p, true) };
        let key = Some((n, prob.to_bits()));
        if self.key != key {
            self.key = key;
            self.setup = if prob * n as f64 <= 30.0 {
                Setup::Inversion(Inversion::new(n, prob))
            } else {
                Setup::Btpe(Btpe::new(n, prob))
            };
        }
        let y = match &self.setup {
            Setup::Inversion(inv) => inv.draw(bg, n, prob),
            Setup::Btpe(btpe) => btpe.draw(bg, n),
            Setup::None => unreachable!("set up above"),
        };
        if flip { n - y } else { y }
    }
}

/// log Γ(x) by Stirling's series with NumPy's coefficients (`random_loggam`), for PTRS.
fn loggam(x: f64) -> f64 {
    // NumPy's literals, kept verbatim (each parses to the same double as a shorter one).
    #[allow(clippy::excessive_precision)]
    const A: [f64; 10] = [
        8.333333333333333e-02,
        -2.777777777777778e-03,
        7.936507936507937e-04,
        -5.952380952380952e-04,
        8.417508417508418e-04,
        -1.917526917526918e-03,
        6.410256410256410e-03,
        -2.955065359477124e-02,
        1.796443723688307e-01,
        -1.39243221690590e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.8378770664093453e+00;
    let mut gl0 = A[9];
    for &a in A[..9].iter().rev() {
        gl0 *= x2;
        gl0 += a;
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 0..n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

/// Poisson(lam) draws with the set-up done once (NumPy redoes it for every draw; the values
/// are the same, as the set-up is a pure function of `lam`).
pub(super) enum Poisson {
    Zero,
    /// Multiply uniforms until the product drops below e^-lam (lam < 10).
    Multiplication {
        enlam: f64,
    },
    /// Hörmann's transformed rejection with squeeze, PTRS (lam >= 10).
    Ptrs {
        lam: f64,
        loglam: f64,
        a: f64,
        b: f64,
        log_invalpha: f64,
        vr: f64,
    },
}

impl Poisson {
    /// Set-up for `0 <= lam <= POISSON_LAM_MAX` (checked by the caller).
    pub(super) fn new(lam: f64) -> Poisson {
        if lam >= 10.0 {
            let slam = lam.sqrt();
            let b = 0.931 + 2.53 * slam;
            let invalpha = 1.1239 + 1.1328 / (b - 3.4);
            Poisson::Ptrs {
                lam,
                loglam: lam.ln(),
                a: -0.059 + 0.02483 * b,
                b,
                log_invalpha: invalpha.ln(),
                vr: 0.9277 - 3.6224 / (b - 2.0),
            }
        } else if lam == 0.0 {
            Poisson::Zero
        } else {
            Poisson::Multiplication { enlam: (-lam).exp() }
        }
    }

    /// One draw.
    #[inline]
    pub(super) fn draw(&self, bg: &mut Pcg64) -> i64 {
        match *self {
            Poisson::Zero => 0,
            Poisson::Multiplication { enlam } => {
                let mut x = 0;
                let mut prod = 1.0;
                loop {
                    prod *= bg.next_f64();
                    if prod > enlam {
                        x += 1;
                    } else {
                        return x;
                    }
                }
            }
            Poisson::Ptrs {
                lam,
                loglam,
                a,
                b,
                log_invalpha,
                vr,
            } => loop {
                let u = bg.next_f64() - 0.5;
                let v = bg.next_f64();
                let us = 0.5 - u.abs();
                let k = ((2.0 * a / us + b) * u + lam + 0.43).floor() as i64;
                if us >= 0.07 && v <= vr {
                    return k;
                }
                if k < 0 || (us < 0.013 && v > us) {
                    continue;
                }
                if v.ln() + log_invalpha - (a / (us * us) + b).ln() <= -lam + k as f64 * loglam - loggam(k as f64 + 1.0)
                {
                    return k;
                }
            },
        }
    }
}
