// What the search and schedule benchmarks share: the production build they run on, deterministic random
// numbers (the same synthetic content on every run), the words synthetic titles are made of, and the statistics.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { pinyin } from 'pinyin-pro'

/** Builds `dist` first when it has no index.html. */
export function ensureBuilt(dist) {
  if (existsSync(`${dist}/index.html`)) return
  console.log(`building into ${dist} …`)
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], {
    stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
  })
}

let seed = 42
/** Deterministic pseudo-random numbers in [0, 1): the same sequence in every run of a benchmark. */
export const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
export const pick = (list) => list[Math.floor(rand() * list.length)]

/** [zh, ru, en] words synthetic event titles are made of. */
export const WORDS = [
  ['论坛', 'форум', 'forum'], ['峰会', 'саммит', 'summit'], ['博览会', 'выставка', 'expo'], ['音乐会', 'концерт', 'concert'],
  ['电影', 'кино', 'film'], ['海洋', 'море', 'ocean'], ['啤酒', 'пиво', 'beer'], ['青年', 'молодёжь', 'youth'],
  ['丝路', 'Шёлковый путь', 'Silk Road'], ['茶艺', 'чайная церемония', 'tea ceremony'], ['书法', 'каллиграфия', 'calligraphy'],
  ['帆船', 'парусный спорт', 'sailing'], ['美食', 'кухня', 'food'], ['旅游', 'туризм', 'tourism'], ['贸易', 'торговля', 'trade'],
]
export const CATEGORIES = ['summit', 'forum', 'expo', 'festival', 'culture', 'tourism', 'ceremony']
export const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10)
/** Full toneless pinyin and initials, as the content build writes them. */
export const toneless = (zh) => {
  const s = pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'removed' }).filter((x) => /\p{L}/u.test(x))
  return `${s.join(' ')} ${s.map((x) => x[0]).join('')}`
}

export const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))]
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] }
}
export const fmt = (x) => `median ${x.median.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, max ${x.max.toFixed(1)} ms (n=${x.n})`
