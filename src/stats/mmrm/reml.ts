/**
 * MMRM step 3: the REML log-likelihood, its analytic gradient and analytic observed / expected
 * information with respect to the unstructured covariance elements σ (SAS TYPE=UN parameters).
 *
 * Model y = Xβ + ε, ε ~ N(0, V), V = blockdiag(Σᵢ), Σᵢ = Σ restricted to subject i's observed visits.
 * With Wᵢ = Σᵢ⁻¹, C = (Σ Xᵢᵀ Wᵢ Xᵢ)⁻¹, β̂ = C Σ Xᵢᵀ Wᵢ yᵢ, rᵢ = yᵢ − Xᵢ β̂, P = V⁻¹ − V⁻¹XCXᵀV⁻¹:
 *   ℓ_R = −½ [ (N − p) log 2π + Σᵢ log|Σᵢ| + log|XᵀV⁻¹X| + Σᵢ rᵢᵀWᵢrᵢ ]            (nlme / SAS)
 *   ∂ℓ_R/∂σₖ = −½ [ tr(P Vₖ) − yᵀP Vₖ P y ]
 *   −∂²ℓ_R/∂σₖ∂σₗ = ½ [ −tr(P Vₖ P Vₗ) + 2 yᵀP Vₖ P Vₗ P y ]   (observed; V is linear in σ)
 *   E[−∂²ℓ_R/∂σₖ∂σₗ] = ½ tr(P Vₖ P Vₗ)                          (expected / Fisher)
 * (Harville 1977, JASA 72:320; Jennrich & Schluchter 1986, Biometrics 42:805; Wolfinger, Tobias &
 * Sall 1994, SIAM J Sci Comput 15:1294.)
 *
 * Vₖ = ∂V/∂σₖ has the elementary block Dₖ = E_ab + E_ba (E_aa on the diagonal) in every subject, so
 * each trace reduces to a lookup in a few visit-indexed sums accumulated once over subjects: the cost
 * is linear in subjects, and subjects sharing a missingness pattern share Wᵢ and log|Σᵢ|.
 */
import { spdInverse } from '../linalg.ts';
import type { Design } from './design.ts';
import { unIndex } from './covariance.ts';

/** REML quantities at one Σ. Arrays over σ are in `unIndex` order. */
export interface RemlEvaluation {
  logLik: number;
  beta: Float64Array;
  /** (XᵀV⁻¹X)⁻¹, p × p row-major. */
  vcovBeta: Float64Array;
  /** ∂ℓ_R/∂σ (length m = T(T+1)/2); present when derivatives were requested. */
  gradient?: Float64Array;
  /** −∂²ℓ_R/∂σ∂σᵀ (m × m). */
  observedInfo?: Float64Array;
  /** E[−∂²ℓ_R/∂σ∂σᵀ] (m × m). */
  expectedInfo?: Float64Array;
  /** Qₖ = Σᵢ XᵢᵀWᵢDₖWᵢXᵢ = −∂(XᵀV⁻¹X)/∂σₖ, each p × p; ∂C/∂σₖ = C Qₖ C. */
  q?: Float64Array[];
}

interface PatternBlock { w: Float64Array; logDet: number }

/** Wᵢ and log|Σᵢ| per missingness pattern; null when some Σᵢ is not positive definite. */
function patternBlocks(design: Design, sigma: Float64Array, t: number): PatternBlock[] | null {
  const out: PatternBlock[] = [];
  for (const pat of design.patterns) {
    const v = pat.visits; const k = v.length;
    const sub = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sub[i * k + j] = sigma[v[i] * t + v[j]];
    const inv = spdInverse(sub, k);
    if (inv === null) return null;
    out.push({ w: inv.inverse, logDet: inv.logDet });
  }
  return out;
}

/** Elementary pairs (x, y) with Dₖ = Σ E_xy for the σ index k = (a, b). */
function pairsOf(t: number): [number, number][][] {
  const pairs: [number, number][][] = [];
  for (let a = 0; a < t; a++) for (let b = 0; b <= a; b++) pairs[unIndex(a, b)] = a === b ? [[a, a]] : [[a, b], [b, a]];
  return pairs;
}

/**
 * Evaluates the REML criterion at Σ (row-major T × T). With `derivatives`, also the gradient and the
 * observed and expected information in σ. Returns null when Σ (or XᵀV⁻¹X) is not positive definite.
 */
export function evaluateReml(design: Design, sigma: Float64Array, derivatives: boolean): RemlEvaluation | null {
  const t = design.visits.length; const p = design.p;
  const blocks = patternBlocks(design, sigma, t);
  if (blocks === null) return null;
  const xtwx = new Float64Array(p * p); const xtwy = new Float64Array(p);
  const zs: Float64Array[] = [];
  let logDetV = 0;
  for (const s of design.subjects) {
    const { w, logDet } = blocks[s.pattern]; const k = s.visits.length;
    logDetV += logDet;
    const z = new Float64Array(k * p); // Z = W X
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { const wij = w[i * k + j]; for (let c = 0; c < p; c++) z[i * p + c] += wij * s.x[j * p + c]; }
    for (let i = 0; i < k; i++) for (let c = 0; c < p; c++) { const xic = s.x[i * p + c]; xtwy[c] += z[i * p + c] * s.y[i]; for (let d = c; d < p; d++) xtwx[c * p + d] += xic * z[i * p + d]; }
    zs.push(z);
  }
  for (let c = 0; c < p; c++) for (let d = 0; d < c; d++) xtwx[c * p + d] = xtwx[d * p + c];
  const cInv = spdInverse(xtwx, p);
  if (cInv === null) return null;
  const vc = cInv.inverse;
  const beta = new Float64Array(p);
  for (let c = 0; c < p; c++) { let v = 0; for (let d = 0; d < p; d++) v += vc[c * p + d] * xtwy[d]; beta[c] = v; }
  const us: Float64Array[] = [];
  let quad = 0;
  for (const s of design.subjects) {
    const { w } = blocks[s.pattern]; const k = s.visits.length;
    const r = new Float64Array(k);
    for (let i = 0; i < k; i++) { let f = 0; for (let c = 0; c < p; c++) f += s.x[i * p + c] * beta[c]; r[i] = s.y[i] - f; }
    const u = new Float64Array(k);
    for (let i = 0; i < k; i++) { let v = 0; for (let j = 0; j < k; j++) v += w[i * k + j] * r[j]; u[i] = v; quad += r[i] * v; }
    us.push(u);
  }
  const logLik = -0.5 * ((design.n - p) * Math.log(2 * Math.PI) + logDetV + cInv.logDet + quad);
  const result: RemlEvaluation = { logLik, beta, vcovBeta: vc };
  if (!derivatives) return result;
  return { ...result, ...remlDerivatives(design, blocks, zs, us, vc) };
}

/** Visit-indexed sums over subjects from which every trace in the derivatives is a lookup. */
interface Accumulators {
  /** AWW[w,x,y,z] = Σᵢ Wᵢ[w,x] Wᵢ[y,z] (padded to T visits). */
  aww: Float64Array;
  /** AWG[w,x,y,z] = Σᵢ Wᵢ[w,x] Gᵢ[y,z], Gᵢ = Zᵢ C Zᵢᵀ. */
  awg: Float64Array;
  /** UWU[z,w,x,y] = Σᵢ uᵢ[z] Wᵢ[w,x] uᵢ[y], uᵢ = Wᵢ rᵢ. */
  uwu: Float64Array;
  /** R[s,t,c,d] = Σᵢ Zᵢ[s,c] Zᵢ[t,d]. */
  r: Float64Array;
  /** S[z,c,w] = Σᵢ Zᵢ[z,c] uᵢ[w]. */
  s: Float64Array;
  /** M = Σᵢ (Wᵢ − Gᵢ − uᵢuᵢᵀ) (T × T); ∂ℓ/∂σₖ = −½ tr(M Dₖ). */
  m: Float64Array;
}

function accumulate(design: Design, blocks: PatternBlock[], zs: Float64Array[], us: Float64Array[], vc: Float64Array): Accumulators {
  const T = design.visits.length; const p = design.p; const T2 = T * T; const pp = p * p;
  const aww = new Float64Array(T2 * T2); const awg = new Float64Array(T2 * T2); const uwu = new Float64Array(T2 * T2);
  const r = new Float64Array(T2 * pp); const s = new Float64Array(T * p * T); const m = new Float64Array(T2);
  const zc = new Float64Array(T * p);
  for (let pi = 0; pi < design.patterns.length; pi++) {
    const pat = design.patterns[pi];
    const v = pat.visits; const k = v.length; const w = blocks[pi].w;
    const gg = new Float64Array(k * k); const uu = new Float64Array(k * k);
    for (const si of pat.subjects) {
      const z = zs[si]; const u = us[si];
      zc.fill(0);
      for (let i = 0; i < k; i++) for (let c = 0; c < p; c++) {
        const zic = z[i * p + c];
        if (zic !== 0) for (let d = 0; d < p; d++) zc[i * p + d] += zic * vc[c * p + d];
      }
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
        let g = 0;
        for (let c = 0; c < p; c++) g += zc[i * p + c] * z[j * p + c];
        gg[i * k + j] += g; uu[i * k + j] += u[i] * u[j];
      }
      for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) { // R[t,s] = R[s,t]ᵀ: filled after the loop
        const base = (v[i] * T + v[j]) * pp;
        for (let c = 0; c < p; c++) {
          const zic = z[i * p + c];
          if (zic === 0) continue;
          const row = base + c * p; const zj = j * p;
          for (let d = 0; d < p; d++) r[row + d] += zic * z[zj + d];
        }
      }
      for (let i = 0; i < k; i++) for (let c = 0; c < p; c++) {
        const zic = z[i * p + c]; const row = (v[i] * p + c) * T;
        for (let j = 0; j < k; j++) s[row + v[j]] += zic * u[j];
      }
    }
    const n = pat.subjects.length;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
      const wab = w[a * k + b]; const ab = v[a] * T + v[b];
      m[ab] += n * wab - gg[a * k + b] - uu[a * k + b];
      for (let c = 0; c < k; c++) for (let d = 0; d < k; d++) {
        const cd = v[c] * T + v[d];
        aww[ab * T2 + cd] += n * wab * w[c * k + d];
        awg[ab * T2 + cd] += wab * gg[c * k + d];
        uwu[(v[c] * T + v[a]) * T2 + v[b] * T + v[d]] += uu[c * k + d] * wab;
      }
    }
  }
  for (let a = 0; a < T; a++) for (let b = 0; b < a; b++) {
    const lo = (a * T + b) * pp; const hi = (b * T + a) * pp;
    for (let c = 0; c < p; c++) for (let d = 0; d < p; d++) r[hi + d * p + c] = r[lo + c * p + d];
  }
  return { aww, awg, uwu, r, s, m };
}

function remlDerivatives(design: Design, blocks: PatternBlock[], zs: Float64Array[], us: Float64Array[], vc: Float64Array) {
  const T = design.visits.length; const p = design.p; const T2 = T * T; const m = (T * (T + 1)) / 2;
  const acc = accumulate(design, blocks, zs, us, vc);
  const pairs = pairsOf(T);
  const gradient = new Float64Array(m);
  const q: Float64Array[] = []; const b: Float64Array[] = []; const cq: Float64Array[] = [];
  for (let k = 0; k < m; k++) {
    const qk = new Float64Array(p * p); const bk = new Float64Array(p);
    for (const [z, w] of pairs[k]) {
      gradient[k] -= 0.5 * acc.m[z * T + w];
      const base = (z * T + w) * p * p;
      for (let i = 0; i < p * p; i++) qk[i] += acc.r[base + i];
      for (let c = 0; c < p; c++) bk[c] += acc.s[(z * p + c) * T + w];
    }
    q.push(qk); b.push(bk);
    const out = new Float64Array(p * p); // C Qₖ
    for (let i = 0; i < p; i++) for (let l = 0; l < p; l++) { const cil = vc[i * p + l]; for (let j = 0; j < p; j++) out[i * p + j] += cil * qk[l * p + j]; }
    cq.push(out);
  }
  const observedInfo = new Float64Array(m * m); const expectedInfo = new Float64Array(m * m);
  for (let k = 0; k < m; k++) {
    for (let l = 0; l <= k; l++) {
      let trWW = 0; let trWG = 0; let uVWVu = 0;
      for (const [x, y] of pairs[l]) for (const [z, w] of pairs[k]) {
        trWW += acc.aww[(w * T + x) * T2 + y * T + z];
        trWG += acc.awg[(w * T + x) * T2 + y * T + z] + acc.awg[(y * T + z) * T2 + w * T + x];
        uVWVu += acc.uwu[(z * T + w) * T2 + x * T + y];
      }
      let trCQCQ = 0;
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) trCQCQ += cq[l][i * p + j] * cq[k][j * p + i];
      let bCb = 0;
      for (let i = 0; i < p; i++) { let v = 0; for (let j = 0; j < p; j++) v += vc[i * p + j] * b[l][j]; bCb += b[k][i] * v; }
      const trPVPV = trWW - trWG + trCQCQ;
      const obs = 0.5 * (-trPVPV + 2 * (uVWVu - bCb));
      observedInfo[k * m + l] = observedInfo[l * m + k] = obs;
      expectedInfo[k * m + l] = expectedInfo[l * m + k] = 0.5 * trPVPV;
    }
  }
  return { gradient, observedInfo, expectedInfo, q };
}
