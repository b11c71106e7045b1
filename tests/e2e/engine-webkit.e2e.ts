// WebKit (Debian's WebKitGTK MiniBrowser under Xvfb): the core journeys. `npm run test:webkit` runs it alone.
import { describe } from 'vitest'
import { webkit } from './engines/driver'
import { engineJourneys } from './engines/journeys'

/** E2E_ENGINES=webkit,firefox (the default) picks the extra engines; E2E_ENGINES=none skips both. */
const engines = (process.env.E2E_ENGINES ?? 'webkit,firefox').split(',')

describe.skipIf(!engines.includes('webkit'))('WebKit', () => engineJourneys(webkit))
