import { createHash, randomBytes } from 'node:crypto';
import { seeded, type SyntheticUnit } from './synthetic';

/**
 * The scale benchmark's city (issue 18): departments, their divisions and
 * their sections, every unit with 2 to 400 people of its own (most small, a
 * few large: the size is 2 + 398·r⁵ before scaling to the head count).
 * Seeded, so every run measures the same city.
 */
export interface ScaleCity {
  units: SyntheticUnit[];
  /** Each person's unit code, in staff-number order. */
  staffUnits: string[];
  sizes: { min: number; max: number };
}

export function scaleCity(staff: number, unitCount: number, seed = 18): ScaleCity {
  if (staff < 2 * unitCount || staff > 400 * unitCount)
    throw new Error(`${staff} staff do not fit ${unitCount} units of 2–400 people`);
  const random = seeded(seed);
  const departments = Math.max(1, Math.round(unitCount / 100));
  const perDepartment = Math.min(9, Math.max(1, Math.floor((unitCount - departments) / departments / 2)));
  const divisions = departments * perDepartment;
  const sections = unitCount - departments - divisions;
  const units: SyntheticUnit[] = [];
  for (let d = 0; d < departments; d++) {
    units.push({ code: `D${d}`, name: { ja: `第${d + 1}部`, en: `Department ${d + 1}` }, parentCode: null });
  }
  for (let v = 0; v < divisions; v++) {
    const parent = `D${v % departments}`;
    units.push({
      code: `${parent}-${v}`,
      name: { ja: `第${v + 1}課`, en: `Division ${v + 1}` },
      parentCode: parent,
    });
  }
  for (let s = 0; s < sections; s++) {
    const parent = units[departments + (s % divisions)]!.code;
    units.push({
      code: `${parent}-${s}`,
      name: { ja: `第${s + 1}係`, en: `Section ${s + 1}` },
      parentCode: parent,
    });
  }
  // Sizes: skewed, scaled to the head count, kept within 2–400, the remainder spread one by one.
  const raw = units.map(() => random() ** 5 * 398);
  const scale = (staff - 2 * unitCount) / raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((r) => Math.min(400, 2 + Math.floor(r * scale)));
  let missing = staff - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; missing !== 0; i = (i + 1) % sizes.length) {
    if (missing > 0 && sizes[i]! < 400) {
      sizes[i]!++;
      missing--;
    } else if (missing < 0 && sizes[i]! > 2) {
      sizes[i]!--;
      missing++;
    }
  }
  const staffUnits: string[] = [];
  for (const [i, u] of units.entries()) for (let n = 0; n < sizes[i]!; n++) staffUnits.push(u.code);
  // Staff numbers are not ordered by unit in a real roster.
  for (let i = staffUnits.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [staffUnits[i], staffUnits[j]] = [staffUnits[j]!, staffUnits[i]!];
  }
  return { units, staffUnits, sizes: { min: Math.min(...sizes), max: Math.max(...sizes) } };
}

const sha384 = (...parts: Buffer[]) => {
  const h = createHash('sha384');
  for (const p of parts) h.update(p);
  return h.digest();
};

/**
 * EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-384, MGF1-SHA-384 and a 48-byte
 * salt: what RSASSA-PSS signs. A blind signature of this encoding with the
 * blinding factor 1 is the token's RSASSA-PSS signature, which lets the
 * benchmark's clients skip the browser's RSA blinding; the server's work is
 * the same whatever the factor.
 */
export function pssEncode(message: Buffer, modulusBits: number): Buffer {
  const emBits = modulusBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = 48;
  const salt = randomBytes(48);
  const mHash = sha384(message);
  const h = sha384(Buffer.alloc(8), mHash, salt);
  const db = Buffer.alloc(emLen - hLen - 1);
  db[db.length - salt.length - 1] = 0x01;
  salt.copy(db, db.length - salt.length);
  const mask = Buffer.alloc(db.length);
  for (let counter = 0, off = 0; off < mask.length; counter++, off += hLen) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    sha384(h, c).copy(mask, off, 0, Math.min(hLen, mask.length - off));
  }
  for (let i = 0; i < db.length; i++) db[i] = db[i]! ^ mask[i]!;
  db[0] = db[0]! & (0xff >> (8 * emLen - emBits));
  const em = Buffer.concat([db, h, Buffer.from([0xbc])]);
  // RSA-2048: the encoding is one byte shorter than the modulus only when emBits is a multiple of 8.
  return em.length === modulusBits / 8 ? em : Buffer.concat([Buffer.alloc(modulusBits / 8 - em.length), em]);
}
