import type { Plugin } from 'vite'

/**
 * Marks the entry chunk and every chunk it imports statically for eager compilation, with V8's explicit compile
 * hint (`//# allFunctionsCalledOnLoad`, Chrome 136+: https://v8.dev/blog/explicit-compile-hints). Nearly all of
 * their functions run as the app starts; compiled lazily, each is compiled on the main thread at its first call.
 * Compiled eagerly, they are compiled on a background thread as they load. Other engines read a comment.
 */
export function compileHintsPlugin(): Plugin {
  const HINT = '//# allFunctionsCalledOnLoad\n'
  return {
    name: 'qd-compile-hints',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'index')
        if (!entry || entry.type !== 'chunk') this.error('qd-compile-hints: no entry chunk "index"')
        const marked = new Set<string>()
        const mark = (fileName: string) => {
          const chunk = bundle[fileName]
          if (marked.has(fileName) || chunk?.type !== 'chunk') return
          marked.add(fileName)
          chunk.code = HINT + chunk.code
          chunk.imports.forEach(mark)
        }
        mark(entry.fileName)
      },
    },
  }
}
