// Line numbers for JSON paths, so an error in a hand-edited or exported file points at its line.
// Pure, no dependencies.

export type JsonPath = readonly (string | number)[]

const key = (path: JsonPath) => JSON.stringify(path)

class JsonSyntax extends Error {
  constructor(readonly offset: number, message: string) {
    super(message)
  }
}

/**
 * Map of every value's path to the 1-based line where the value starts.
 * A strict scanner: on bad syntax it throws JsonSyntax with the offset (V8's own messages do not always give one).
 */
function scan(text: string): Map<string, number> {
  const lines = new Map<string, number>()
  let i = 0
  let line = 1
  const fail = (what: string): never => {
    throw new JsonSyntax(i, i >= text.length ? 'unexpected end of file' : `${what}, found ${JSON.stringify(text[i])}`)
  }
  const skip = () => {
    while (i < text.length) {
      const c = text[i]
      if (c === '\n') line++
      else if (c !== ' ' && c !== '\t' && c !== '\r' && !(i === 0 && c === '\uFEFF')) return
      i++
    }
  }
  const expect = (c: string, what: string) => (text[i] === c ? void i++ : fail(what))
  const readString = (): string => {
    if (text[i] !== '"') fail('expected a double-quoted string')
    const start = i++
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('line break inside a string')
      i += text[i] === '\\' ? 2 : 1
    }
    if (i >= text.length) fail('unterminated string')
    i++
    try {
      return JSON.parse(text.slice(start, i)) as string
    } catch {
      i = start
      return fail('invalid escape in string')
    }
  }
  const value = (path: (string | number)[]) => {
    skip()
    lines.set(JSON.stringify(path), line)
    const c = text[i]
    if (c === '{') {
      i++
      skip()
      if (text[i] === '}') return void i++
      for (;;) {
        skip()
        const k = readString()
        skip()
        expect(':', 'expected ":" after a property name')
        value([...path, k])
        skip()
        if (text[i] === '}') return void i++
        expect(',', 'expected "," or "}" after a property value')
      }
    }
    if (c === '[') {
      i++
      skip()
      if (text[i] === ']') return void i++
      for (let n = 0; ; n++) {
        value([...path, n])
        skip()
        if (text[i] === ']') return void i++
        expect(',', 'expected "," or "]" after an array element')
      }
    }
    if (c === '"') return void readString()
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400))
    if (!m) fail('expected a value')
    i += m![0].length
  }
  value([])
  skip()
  if (i < text.length) fail('unexpected text after the end')
  return lines
}

/** Map of every value's path to the 1-based line where the value starts (text must be valid JSON). */
export function jsonLines(text: string): Map<string, number> {
  try {
    return scan(text)
  } catch {
    return new Map()
  }
}

/** The line of the nearest existing ancestor of `path` (a missing key points at its parent object). */
export function lineOf(lines: Map<string, number>, path: JsonPath): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = lines.get(key(path.slice(0, n)))
    if (found !== undefined) return found
  }
  return undefined
}

/** 1-based line and column of a character offset (JSON.parse reports positions). */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}

/** JSON.parse with an error that names the line and column. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (e) {
    try {
      scan(text)
    } catch (syntax) {
      if (syntax instanceof JsonSyntax) return { ok: false, ...positionOf(text, syntax.offset), message: syntax.message }
    }
    return { ok: false, line: 1, column: 1, message: (e as Error).message }
  }
}

/** `days[0].rooms["Main Hall"][1].date` */
export function formatJsonPath(path: JsonPath): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `${i === 0 ? '' : '.'}${p}` : `[${JSON.stringify(p)}]`))
    .join('')
}
