// Draws the app icons (a white service pavilion with a counter window on the theme blue) and
// writes them to public/ as PNG and SVG, using only Node built-ins so the output is reproducible.
// Run: npx tsx scripts/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

type Rgba = readonly [number, number, number, number]
type Point = readonly [number, number]

/** A filled shape in glyph coordinates (0..1 on both axes). */
type Shape
  = | { kind: 'polygon', points: Point[], color: Rgba }
    | { kind: 'rect', x0: number, y0: number, x1: number, y1: number, r: number, color: Rgba }

export const THEME = '#1d5fbf'
const BLUE: Rgba = [0x1d, 0x5f, 0xbf, 255]
const WHITE: Rgba = [255, 255, 255, 255]
const GOLD: Rgba = [0xf2, 0xb7, 0x05, 255]

// The glyph: roof, pavilion body, a gold counter ledge and a blue service window.
const glyph: Shape[] = [
  { kind: 'polygon', points: [[0.5, 0.1], [0.04, 0.42], [0.96, 0.42]], color: WHITE },
  { kind: 'rect', x0: 0.14, y0: 0.4, x1: 0.86, y1: 0.9, r: 0.03, color: WHITE },
  { kind: 'rect', x0: 0.3, y0: 0.5, x1: 0.7, y1: 0.7, r: 0.03, color: BLUE },
  { kind: 'rect', x0: 0.24, y0: 0.7, x1: 0.76, y1: 0.77, r: 0.02, color: GOLD },
]

interface IconSpec {
  file: string
  size: number
  /** Background corner radius as a fraction of the size; null = full bleed square. */
  cornerRadius: number | null
  /** Glyph box as a fraction of the size, centred. */
  glyphScale: number
}

const icons: IconSpec[] = [
  { file: 'pwa-192x192.png', size: 192, cornerRadius: 0.18, glyphScale: 0.66 },
  { file: 'pwa-512x512.png', size: 512, cornerRadius: 0.18, glyphScale: 0.66 },
  // Maskable: full bleed, glyph inside the central 80 % safe zone (a circle of radius 0.4).
  { file: 'maskable-icon-512x512.png', size: 512, cornerRadius: null, glyphScale: 0.5 },
  { file: 'apple-touch-icon-180x180.png', size: 180, cornerRadius: null, glyphScale: 0.62 },
  { file: 'favicon-32x32.png', size: 32, cornerRadius: 0.18, glyphScale: 0.74 },
]

function insideRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1)
    return false
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

function insidePolygon(x: number, y: number, points: Point[]): boolean {
  let inside = false
  points.forEach(([xi, yi], i) => {
    const [xj, yj] = points.at(i - 1) ?? [xi, yi]
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi)
      inside = !inside
  })
  return inside
}

function colorAt(x: number, y: number, spec: IconSpec): Rgba {
  // x, y in 0..1 of the whole icon.
  let color: Rgba = [0, 0, 0, 0]
  const r = spec.cornerRadius ?? 0
  if (insideRoundedRect(x, y, 0, 0, 1, 1, r))
    color = BLUE
  const g0 = (1 - spec.glyphScale) / 2
  const gx = (x - g0) / spec.glyphScale
  const gy = (y - g0) / spec.glyphScale
  for (const shape of glyph) {
    const hit = shape.kind === 'polygon'
      ? insidePolygon(gx, gy, shape.points)
      : insideRoundedRect(gx, gy, shape.x0, shape.y0, shape.x1, shape.y1, shape.r)
    if (hit)
      color = shape.color
  }
  return color
}

/** Renders with 4×4 supersampling so edges are anti-aliased. */
function render(spec: IconSpec): Buffer {
  const { size } = spec
  const ss = 4
  const rgba = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = colorAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, spec)
          // Premultiply so transparent samples do not darken edges.
          r += c[0] * c[3]
          g += c[1] * c[3]
          b += c[2] * c[3]
          a += c[3]
        }
      }
      const o = (py * size + px) * 4
      rgba[o] = a ? Math.round(r / a) : 0
      rgba[o + 1] = a ? Math.round(g / a) : 0
      rgba[o + 2] = a ? Math.round(b / a) : 0
      rgba[o + 3] = Math.round(a / (ss * ss))
    }
  }
  return rgba
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++)
    c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf: Buffer): number {
  let c = 0xFFFFFFFF
  for (const byte of buf)
    c = (crcTable[(c ^ byte) & 0xFF] ?? 0) ^ (c >>> 8)
  return (c ^ 0xFFFFFFFF) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** Encodes RGBA pixels as a PNG (colour type 6, 8 bits, filter 0 on every row). */
export function encodePng(rgba: Buffer, width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++)
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function hex(c: Rgba): string {
  return `#${[c[0], c[1], c[2]].map(v => v.toString(16).padStart(2, '0')).join('')}`
}

/** The same drawing as an SVG for the favicon (viewBox 0..100). */
function svg(): string {
  const scale = 0.74
  const g0 = ((1 - scale) / 2) * 100
  const t = (v: number) => +(g0 + v * scale * 100).toFixed(2)
  const parts = glyph.map((s) => {
    if (s.kind === 'polygon')
      return `<polygon points="${s.points.map(([x, y]) => `${t(x)},${t(y)}`).join(' ')}" fill="${hex(s.color)}"/>`
    const w = +((s.x1 - s.x0) * scale * 100).toFixed(2)
    const h = +((s.y1 - s.y0) * scale * 100).toFixed(2)
    const r = +(s.r * scale * 100).toFixed(2)
    return `<rect x="${t(s.x0)}" y="${t(s.y0)}" width="${w}" height="${h}" rx="${r}" fill="${hex(s.color)}"/>`
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="${hex(BLUE)}"/>${parts.join('')}</svg>\n`
}

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public')
mkdirSync(publicDir, { recursive: true })
for (const spec of icons) {
  writeFileSync(join(publicDir, spec.file), encodePng(render(spec), spec.size, spec.size))
  console.log(`public/${spec.file} ${spec.size}×${spec.size}`)
}
writeFileSync(join(publicDir, 'favicon.svg'), svg())
console.log('public/favicon.svg')
