// Gecko (Debian's Firefox ESR over WebDriver BiDi): the core journeys. `npm run test:firefox` runs it alone.
import { describe } from 'vitest'
import { firefox } from './engines/driver'
import { engineJourneys } from './engines/journeys'

/** E2E_ENGINES=webkit,firefox (the default) picks the extra engines; E2E_ENGINES=none skips both. */
const engines = (process.env.E2E_ENGINES ?? 'webkit,firefox').split(',')

describe.skipIf(!engines.includes('firefox'))('Firefox', () => engineJourneys(firefox))
