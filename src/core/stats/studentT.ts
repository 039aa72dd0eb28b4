/**
 * Student's t quantiles for the analytic 95% interval of a trend's slope
 * (`../shared/spec/trends.md`, "Fits"), through the regularized incomplete beta function and its
 * inverse. Written here rather than taken from npm: `@stdlib/stats-base-dists-t-quantile` 0.2.3 is
 * correct but brings 232 packages (27 MB installed, 190 kB bundled) for one function.
 *
 * Methods: log-gamma by Lanczos (g = 7, n = 9) below 10 and Stirling's series above; the incomplete
 * beta by the continued fraction of Numerical Recipes (3rd ed., §6.4, modified Lentz); its inverse
 * by Halley's method from the NR §6.4 starting point, kept inside a bisection bracket. Accuracy: a
 * relative error below 1e-13 for any degrees of freedom (checked against closed forms for 1 and 2
 * degrees of freedom, the exact finite series for integer degrees of freedom and SciPy). From
 * 20 000 degrees of freedom on, the normal quantile (Wichura's AS 241) and the 1/df expansion of
 * Abramowitz & Stegun 26.7.5 take over.
 */

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

/** Stirling's correction lnΓ(x) − [(x − ½)·ln x − x + ½·ln 2π], for x ≥ 10 (error below 1e-16). */
function stirlingCorrection(x: number): number {
  const r = 1 / (x * x);
  return (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188 - r * (691 / 360360 - r / 156)))))) / x;
}

/**
 * ln Γ(x) for x > 0 (natural log of the gamma function).
 *
 * @throws RangeError when x is not a finite number > 0
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a finite x > 0, got ${x}`);
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + stirlingCorrection(x);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. When an argument is large the
 * difference is formed from Stirling's series with `log1p`, so that ln B(½, 10⁸) keeps its digits
 * instead of losing them to the cancellation of two numbers near 10⁹.
 *
 * @throws RangeError when a or b is not a finite number > 0
 */
export function logBeta(a: number, b: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (hi < 10) return logGamma(lo) + logGamma(hi) - logGamma(lo + hi);
  const sum = lo + hi;
  if (lo < 10) {
    // ln Γ(hi) − ln Γ(lo + hi) = −(hi − ½)·log1p(lo/hi) − lo·ln(lo + hi) + lo + corrections
    return logGamma(lo) - (hi - 0.5) * Math.log1p(lo / hi) - lo * Math.log(sum) + lo + stirlingCorrection(hi) - stirlingCorrection(sum);
  }
  return (
    HALF_LOG_2PI +
    (lo - 0.5) * Math.log(lo / sum) +
    (hi - 0.5) * Math.log(hi / sum) +
    -0.5 * Math.log(sum) +
    stirlingCorrection(lo) +
    stirlingCorrection(hi) -
    stirlingCorrection(sum)
  );
}

function checkShape(a: number, b: number): void {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`the incomplete beta function needs finite a, b > 0, got a = ${a}, b = ${b}`);
  }
}

/** Continued fraction for I_x(a, b) (NR §6.4), valid and fast for x < (a + 1)/(a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const maxIterations = 1000 + Math.ceil(20 * Math.sqrt(Math.max(a, b)));
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= maxIterations; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= Number.EPSILON) return h;
  }
  throw new Error(`incomplete beta continued fraction did not converge (x = ${x}, a = ${a}, b = ${b})`);
}

/**
 * I_x(a, b) and its complement 1 − I_x(a, b) = I_y(b, a), from x, y = 1 − x and their logarithms
 * given separately by a caller that knows them to full precision (a t statistic does). The smaller
 * of the two is summed directly and the other is 1 minus it, so both keep their digits.
 */
function incompleteBetaPair(x: number, y: number, lnX: number, lnY: number, a: number, b: number): { lower: number; upper: number } {
  const front = Math.exp(a * lnX + b * lnY - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaContinuedFraction(x, a, b)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (front * betaContinuedFraction(y, b, a)) / b;
  return { lower: 1 - upper, upper };
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), the CDF at x of the
 * Beta(a, b) distribution. x ≤ 0 gives 0 and x ≥ 1 gives 1.
 *
 * @throws RangeError when a or b is not a finite number > 0 or x is NaN; Error if the continued
 *   fraction fails to converge (not seen for any a, b up to 10⁹)
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  checkShape(a, b);
  if (Number.isNaN(x)) throw new RangeError('regularizedIncompleteBeta: x is NaN');
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return incompleteBetaPair(x, 1 - x, Math.log(x), Math.log1p(-x), a, b).lower;
}

/**
 * The inverse of I_x(a, b) in x: the p quantile of Beta(a, b), in [0, 1]. p ≤ 0 gives 0, p ≥ 1
 * gives 1. Halley's method from the starting point of NR §6.4 (`invbetai`), run until its steps
 * stop moving x; any step that leaves the current bisection bracket is replaced by a bisection, so
 * it always terminates (at most 300 steps).
 *
 * @throws RangeError when a or b is not a finite number > 0 or p is NaN
 */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  checkShape(a, b);
  if (Number.isNaN(p)) throw new RangeError('inverseRegularizedIncompleteBeta: p is NaN');
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lnB = logBeta(a, b);
  let x = initialGuess(p, a, b);
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 300; i++) {
    const f = regularizedIncompleteBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB);
    const u = f / density;
    const step = u / (1 - 0.5 * Math.min(1, u * ((a - 1) / x - (b - 1) / (1 - x))));
    let next = x - step;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (next === x || next === lo || next === hi) {
      // Steps now land on the bracket's ends: keep whichever of the two is nearer.
      return Math.abs(regularizedIncompleteBeta(next, a, b) - p) < Math.abs(f) ? next : x;
    }
    x = next;
  }
  return x;
}

function initialGuess(p: number, a: number, b: number): number {
  let x: number;
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
  } else {
    const lna = Math.log(a / (a + b));
    const lnb = Math.log(b / (a + b));
    const t = Math.exp(a * lna) / a;
    const u = Math.exp(b * lnb) / b;
    const w = t + u;
    x = p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
  }
  return x > 0 && x < 1 ? x : 0.5;
}

/**
 * The p quantile of Student's t distribution with `df` degrees of freedom: the t with
 * P(T ≤ t) = p. Trend fits use p = 0.975 and df = n − 2 (spec trends.md, "Fits"). Exact closed
 * forms for df = 1 (Cauchy: tan(π(p − ½))) and df = 2 ((2p − 1)/√(2p(1 − p))). Otherwise a start
 * from T²/(df + T²) ~ Beta(½, df/2) and the inverse incomplete beta, then Newton steps on t itself
 * against whichever of P(|T| ≤ t) and P(|T| > t) is the smaller, with y = t²/(df + t²) and
 * 1 − y = df/(df + t²) formed from t so that neither loses digits (large df, far tails). df need
 * not be an integer. Reference values (p = 0.975): 12.706 (1), 4.303 (2), 2.571 (5), 2.228 (10),
 * 2.042 (30), 1.984 (100), → 1.960 as df → ∞.
 *
 * @throws RangeError when p is not strictly between 0 and 1 or df is not a finite number > 0
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile needs 0 < p < 1, got ${p}`);
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`studentTQuantile needs finite degrees of freedom > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (df >= LARGE_DF) {
    const z = normalQuantile(p);
    if (z <= 10) return hillExpansion(z, df);
  }
  const central = 2 * p - 1; // P(|T| ≤ t)
  const tail = 2 * (1 - p); // P(|T| > t); 1 − p is exact for p in [½, 1)
  const a = 0.5;
  const b = df / 2;
  let t = startingT(central, tail, df);
  const lnDensityConstant = -logBeta(a, b) - 0.5 * Math.log(df);
  for (let i = 0; i < 50; i++) {
    const u = (t * t) / df;
    const pair = incompleteBetaPair(u / (1 + u), 1 / (1 + u), Math.log(u) - Math.log1p(u), -Math.log1p(u), a, b);
    const f = central <= 0.5 ? pair.lower - central : tail - pair.upper;
    const density = 2 * Math.exp(lnDensityConstant - ((df + 1) / 2) * Math.log1p(u));
    const step = f / density;
    const next = t - step > 0 ? t - step : t / 2;
    if (Math.abs(next - t) <= 2 * Number.EPSILON * next) return next;
    t = next;
  }
  return t;
}

/**
 * From this many degrees of freedom on, the t quantile comes from the normal one by the expansion
 * in 1/df (Abramowitz & Stegun 26.7.5; the first omitted term is about 1e-14 of t at |z| = 10 and
 * far smaller at the 95% interval's z = 1.96). The incomplete beta route loses digits there: the
 * continued fraction is evaluated at 1 − y = df/(df + t²), a double that no longer carries y's.
 */
const LARGE_DF = 20_000;

function hillExpansion(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/**
 * The p quantile of the standard normal distribution, by Wichura's rational approximations
 * (Algorithm AS 241, PPND16, Applied Statistics 37(3), 1988; relative error about 1e-16).
 *
 * @throws RangeError when p is not strictly between 0 and 1
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    const num =
      (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r +
        13731.69376550946) *
        r +
        1971.5909503065513) *
        r +
        133.14166789178438) *
        r +
        3.3871328727963665) *
      q;
    const den =
      ((((((5226.495278852854 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
      1;
    return num / den;
  }
  let r = Math.sqrt(-Math.log(q <= 0 ? p : 1 - p));
  let num: number;
  let den: number;
  if (r <= 5) {
    r -= 1.6;
    num =
      ((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
      1.4234371107496835;
    den =
      ((((((1.0507500716444169e-9 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
      1;
  } else {
    r -= 5;
    num =
      ((((((2.0103343992922881e-7 * r + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
      6.657904643501103;
    den =
      ((((((2.0442631033899397e-15 * r + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r + 0.0007868691311456133) * r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
      1;
  }
  return q < 0 ? -num / den : num / den;
}

function startingT(central: number, tail: number, df: number): number {
  const y = inverseRegularizedIncompleteBeta(central, 0.5, df / 2);
  if (y > 0 && y < 0.5) return Math.sqrt((df * y) / (1 - y));
  const x = inverseRegularizedIncompleteBeta(tail, df / 2, 0.5);
  return x > 0 && x < 1 ? Math.sqrt((df * (1 - x)) / x) : 1;
}
