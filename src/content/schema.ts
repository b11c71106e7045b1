// The content contract. Validated at build time (a bad file fails the build and the tests)
// and at run time (a downloaded update that fails is rejected, the last good copy stays).
import * as v from 'valibot'

export const LOCALES = ['zh', 'ru', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/** Bounding box of the Qingdao municipality with a margin: anything outside is a typo or a datum slip. */
export const QINGDAO_BOUNDS = { south: 35.5, north: 37.2, west: 119.5, east: 121.2 } as const

/** Longest text in one language: a description of a page or two; anything longer is a paste gone wrong. */
export const MAX_TEXT = 2000
/** Longest title or name in one language: it must fit a card on a 320 px screen in a few lines. */
export const MAX_TITLE = 200

const nonEmpty = v.pipe(v.string('must be text'), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(MAX_TEXT, `too long (more than ${MAX_TEXT} characters)`))
const shortText = v.pipe(nonEmpty, v.maxLength(MAX_TITLE, `too long for a title (more than ${MAX_TITLE} characters)`))

export const L10nSchema = v.strictObject(
  { zh: nonEmpty, ru: nonEmpty, en: nonEmpty },
  (issue) => `unexpected language key ${String(issue.input)}`,
)
export type L10n = v.InferOutput<typeof L10nSchema>
const TitleSchema = v.strictObject(
  { zh: shortText, ru: shortText, en: shortText },
  (issue) => `unexpected language key ${String(issue.input)}`,
)

const IdSchema = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'invalid id (kebab-case ASCII)'))

const SourceSchema = v.strictObject({
  label: nonEmpty,
  // Only web links: a source becomes a link a visitor taps (javascript:, data: or file: would be a trap).
  url: v.optional(v.pipe(v.string(), v.url('invalid url'), v.regex(/^https?:\/\//i, 'source links must start with https:// or http://'))),
})

const Latitude = v.pipe(
  v.number('must be a number'),
  v.minValue(QINGDAO_BOUNDS.south, 'latitude outside the Qingdao region'),
  v.maxValue(QINGDAO_BOUNDS.north, 'latitude outside the Qingdao region'),
)
const Longitude = v.pipe(
  v.number('must be a number'),
  v.minValue(QINGDAO_BOUNDS.west, 'longitude outside the Qingdao region'),
  v.maxValue(QINGDAO_BOUNDS.east, 'longitude outside the Qingdao region'),
)

export const LocationSchema = v.variant('precision', [
  v.strictObject({ lat: Latitude, lon: Longitude, precision: v.literal('exact') }),
  v.strictObject({
    lat: Latitude,
    lon: Longitude,
    precision: v.picklist(['approx', 'area']),
    radius: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20000)),
    basis: L10nSchema,
  }),
], 'invalid precision (exact, approx or area)')
export type GeoLocation = v.InferOutput<typeof LocationSchema>

/** Added by the build (src/content/enrich.ts), never written by hand: toneless pinyin of the Chinese name, for search. */
const DerivedPinyin = v.optional(v.pipe(v.string(), v.maxLength(2000)))

const Confidence = v.picklist(['high', 'medium', 'low'], 'invalid confidence (high, medium, low)')

/**
 * Editors' notes for the place page's "About this information": unknown street numbers, conflicting
 * sources, how a name was transliterated. They never go into `address`, which is read aloud to a taxi
 * driver. When `location` is null, `notes` says why (the content check requires it).
 */
const Notes = v.optional(v.nullable(L10nSchema))
/** When the item was last checked against its sources: a month (YYYY-MM) or a day (YYYY-MM-DD). */
const Checked = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}(?:-\d{2})?$/, 'invalid date (YYYY-MM or YYYY-MM-DD)'))

export const VENUE_CATEGORIES = ['sco-venue', 'sight', 'transport', 'hotel', 'park', 'service', 'business', 'festival-site'] as const
export const EVENT_CATEGORIES = ['summit', 'forum', 'expo', 'festival', 'culture', 'tourism', 'ceremony'] as const
export const SERVICE_CATEGORIES = ['fx', 'sim', 'atm', 'payment-help', 'tourist-info', 'helpline', 'government', 'hospital', 'transport'] as const
export const SIM_OPERATORS = ['china-mobile', 'china-unicom', 'china-telecom', 'esim'] as const
/** Currencies the guide knows how to name and convert; anything else is a content error. */
export const CURRENCIES = ['CNY', 'RUB', 'KZT', 'UZS', 'KGS', 'TJS', 'PKR', 'INR', 'BYN', 'USD', 'EUR', 'GBP', 'JPY', 'KRW', 'HKD'] as const

export const VenueSchema = v.strictObject({
  id: IdSchema,
  category: v.picklist(VENUE_CATEGORIES, 'invalid category'),
  name: TitleSchema,
  nameNote: v.nullable(L10nSchema),
  address: v.nullable(L10nSchema),
  location: v.nullable(LocationSchema),
  hours: v.nullable(nonEmpty),
  hoursNote: v.nullable(L10nSchema),
  description: L10nSchema,
  confidence: Confidence,
  sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'at least one source')),
  notes: Notes,
  checked: v.optional(Checked),
  pinyin: DerivedPinyin,
  /** Added by the build from `hours`, as for service points (see HoursTimelineSchema). */
  hoursTimeline: v.optional(v.lazy(() => HoursTimelineSchema)),
})
export type Venue = v.InferOutput<typeof VenueSchema>

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_DATETIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/

function isRealDate(s: string): boolean {
  const d = new Date(s.length === 10 ? `${s}T00:00:00Z` : s)
  if (Number.isNaN(d.getTime())) return false
  if (s.length === 10) return d.toISOString().slice(0, 10) === s
  return true
}

const DateOrDateTime = v.pipe(
  v.string('invalid datetime'),
  v.check((s) => (ISO_DATE.test(s) || ISO_DATETIME_OFFSET.test(s)) && isRealDate(s), 'invalid datetime'),
)

export const EventSchema = v.pipe(
  v.strictObject({
    id: IdSchema,
    category: v.picklist(EVENT_CATEGORIES, 'invalid category'),
    title: TitleSchema,
    allDay: v.boolean(),
    start: DateOrDateTime,
    end: DateOrDateTime,
    timeZone: v.literal('Asia/Shanghai', 'time zone must be Asia/Shanghai'),
    venueId: v.nullable(IdSchema),
    venueNote: v.nullable(L10nSchema),
    description: L10nSchema,
    organiser: v.nullable(L10nSchema),
    confidence: Confidence,
    sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'at least one source')),
    pinyin: DerivedPinyin,
  }),
  v.forward(
    v.check(
      (e) => (e.allDay ? ISO_DATE.test(e.start) : ISO_DATETIME_OFFSET.test(e.start)),
      'invalid datetime: all-day events take a date, timed events a datetime with its UTC offset',
    ),
    ['start'],
  ),
  v.forward(
    v.check(
      (e) => (e.allDay ? ISO_DATE.test(e.end) && e.end >= e.start : ISO_DATETIME_OFFSET.test(e.end) && Date.parse(e.end) >= Date.parse(e.start)),
      'invalid datetime: end must be of the same kind as start and not before it',
    ),
    ['end'],
  ),
)
export type ScheduleEvent = v.InferOutput<typeof EventSchema>

const Instant = v.pipe(v.number('must be a number'), v.integer('must be whole milliseconds'))
const Span = v.pipe(
  v.tuple([Instant, Instant]),
  v.check(([a, b]) => a < b, 'interval must end after it starts'),
)
const sortedSpans = (spans: [number, number][]) => spans.every((x, i) => i === 0 || spans[i - 1]![1] <= x[0])
/**
 * Added by the build (src/content/hours-build.ts), never written by hand: the `openingHours` evaluated
 * in Qingdao wall time with the holiday table applied, as instants. The app compares instants only,
 * so the phone's zone cannot shift a status and the opening_hours library stays out of the bundle.
 */
export const HoursTimelineSchema = v.pipe(
  v.strictObject({
    from: Instant,
    to: Instant,
    open: v.pipe(v.array(Span), v.check(sortedSpans, 'intervals must be sorted and must not overlap')),
    /** Spans the source marks as unknown (e.g. "by appointment"): never shown as open. */
    unknown: v.pipe(v.array(Span), v.check(sortedSpans, 'intervals must be sorted and must not overlap')),
  }),
  v.check((t) => t.from < t.to && [...t.open, ...t.unknown].every(([a, b]) => a >= t.from && b <= t.to), 'intervals must lie inside from–to'),
)
export type HoursTimeline = v.InferOutput<typeof HoursTimelineSchema>

export const ServiceSchema = v.strictObject({
  id: IdSchema,
  categories: v.pipe(v.array(v.picklist(SERVICE_CATEGORIES, 'invalid category')), v.minLength(1, 'at least one category')),
  name: TitleSchema,
  address: v.nullable(L10nSchema),
  venueId: v.nullable(IdSchema),
  location: v.nullable(LocationSchema),
  phone: v.nullable(nonEmpty),
  openingHours: v.nullable(nonEmpty),
  hoursNote: v.nullable(L10nSchema),
  offers: v.strictObject({
    currencies: v.array(v.picklist(CURRENCIES, 'unknown currency code')),
    simOperators: v.array(v.picklist(SIM_OPERATORS, 'unknown SIM operator')),
    documents: v.nullable(L10nSchema),
  }),
  description: L10nSchema,
  confidence: Confidence,
  verification: L10nSchema,
  checked: Checked,
  sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'at least one source')),
  notes: Notes,
  hoursTimeline: v.optional(HoursTimelineSchema),
  pinyin: DerivedPinyin,
})
export type ServicePoint = v.InferOutput<typeof ServiceSchema>

export const MetaSchema = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  asOf: v.pipe(v.string(), v.regex(ISO_DATE, 'invalid date'), v.check(isRealDate, 'invalid date')),
  title: L10nSchema,
  /** Added by the build: changes whenever any byte of the content does. */
  hash: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{6,64}$/, 'invalid hash'))),
})

const IsoDate = v.pipe(v.string('invalid date'), v.regex(ISO_DATE, 'invalid date'), v.check(isRealDate, 'invalid date'))

const PracticalItemSchema = v.strictObject({
  text: L10nSchema,
  confidence: Confidence,
  checked: v.optional(Checked),
  sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'at least one source')),
})

export const ESSENTIAL_SECTIONS = ['sim', 'money', 'transport', 'emergency', 'visa'] as const
export const PHRASE_TOPICS = ['exchange', 'sim', 'taxi', 'pharmacy', 'hospital', 'general'] as const
/** The converter's currencies: each needs a reference rate or an explicit null with a reason. */
export const CONVERTER_CURRENCIES = ['RUB', 'KZT', 'UZS', 'KGS', 'TJS', 'PKR', 'INR', 'BYN', 'USD', 'EUR'] as const

const RateSchema = v.strictObject({
  /** Units of this currency for 1 CNY; null when no dated source was found (the UI says so). */
  perCny: v.nullable(v.pipe(v.number('must be a number'), v.gtValue(0, 'rate must be positive'))),
  date: v.nullable(IsoDate),
  /** How the figure was obtained, e.g. a cross rate via USD. */
  method: L10nSchema,
  confidence: Confidence,
  sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'at least one source')),
})

const HolidaySchema = v.pipe(
  v.strictObject({
    name: L10nSchema,
    start: IsoDate,
    end: IsoDate,
    /** Weekend days that become working days for this holiday (调休). */
    workdays: v.array(IsoDate),
  }),
  v.forward(v.check((h) => h.end >= h.start, 'end must not be before start'), ['end']),
  v.forward(v.check((h) => h.workdays.every((d) => d < h.start || d > h.end), 'a make-up working day cannot fall inside the holiday'), ['workdays']),
)
export type Holiday = v.InferOutput<typeof HolidaySchema>

// ---- Night arrivals: first/last trains, taxis and buses at the airport and the railway stations ----
/** "HH:MM" in Qingdao time; 24:00–27:59 for a train after midnight that belongs to the evening before. */
const ClockTime = v.pipe(v.string(), v.regex(/^(?:[01]\d|2[0-7]):[0-5]\d$/, 'invalid time (HH:MM; 24:00–27:59 after midnight)'))
const Range = v.pipe(
  v.tuple([v.pipe(v.number(), v.minValue(0)), v.pipe(v.number(), v.minValue(0))]),
  v.check(([a, b]) => a <= b, 'range must not run backwards'),
)
const TrainRunSchema = v.strictObject({
  kind: v.picklist(['regular', 'direct'], 'invalid run (regular, direct)'),
  first: v.nullable(ClockTime),
  last: v.nullable(ClockTime),
  /** Set when the published times are those of another station (e.g. the terminus one stop before). */
  timesAt: v.nullable(L10nSchema),
})
export const ArrivalSchema = v.strictObject({
  venueId: IdSchema,
  lines: v.array(v.strictObject({
    line: nonEmpty,
    toward: L10nSchema,
    runs: v.array(TrainRunSchema),
    note: v.nullable(L10nSchema),
  })),
  /** Fare and time only when a source gives them; null means not known (the UI says so). */
  taxi: v.strictObject({ to: L10nSchema, fareCny: v.nullable(Range), minutes: v.nullable(Range), note: v.nullable(L10nSchema) }),
  buses: v.nullable(L10nSchema),
  /** The day the timetable took effect. */
  timetableFrom: v.nullable(IsoDate),
  checked: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}$/, 'invalid month (YYYY-MM)')),
  confidence: Confidence,
  sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'at least one source')),
})
export type Arrival = v.InferOutput<typeof ArrivalSchema>
// ---- end of night arrivals ----

export const PracticalSchema = v.strictObject({
  essentials: v.array(v.strictObject({
    id: v.picklist(ESSENTIAL_SECTIONS, 'invalid section'),
    title: L10nSchema,
    items: v.pipe(v.array(PracticalItemSchema), v.minLength(1, 'at least one item')),
  })),
  phrases: v.array(v.strictObject({
    id: IdSchema,
    topic: v.picklist(PHRASE_TOPICS, 'invalid topic'),
    zh: nonEmpty,
    pinyin: nonEmpty,
    ru: nonEmpty,
    en: nonEmpty,
  })),
  rates: v.pipe(
    v.strictObject({
      base: v.literal('CNY', 'base must be CNY'),
      date: IsoDate,
      note: L10nSchema,
      rates: v.record(v.picklist(CURRENCIES, 'unknown currency code'), RateSchema),
    }),
    v.forward(v.check((r) => CONVERTER_CURRENCIES.every((c) => c in r.rates), `rates for ${CONVERTER_CURRENCIES.join(', ')} are required (null when not found)`), ['rates']),
    v.forward(v.check((r) => !('CNY' in r.rates), 'CNY is the base, not a rate'), ['rates']),
  ),
  holidays: v.strictObject({
    /** Years whose official notice is in the table; other years are shown as not announced. */
    years: v.array(v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100))),
    periods: v.array(HolidaySchema),
    sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'at least one source')),
  }),
  arrivals: v.optional(v.array(ArrivalSchema)),
})
export type Practical = v.InferOutput<typeof PracticalSchema>

type Issue = { path: (string | number)[]; message: string }

/** Cross-references the schema of one item cannot see: unique ids, existing venues. */
function crossIssues(c: { venues: Venue[]; events: ScheduleEvent[]; services: ServicePoint[] }): Issue[] {
  const issues: Issue[] = []
  const seen = new Map<string, string>()
  const note = (kind: 'venues' | 'events' | 'services', items: { id: string }[]) =>
    items.forEach((item, i) => {
      const where = `${kind}[${i}]`
      const first = seen.get(item.id)
      if (first) issues.push({ path: [kind, i, 'id'], message: `duplicate id "${item.id}" (also ${first})` })
      else seen.set(item.id, where)
    })
  note('venues', c.venues)
  note('events', c.events)
  note('services', c.services)
  const venueIds = new Set(c.venues.map((x) => x.id))
  c.events.forEach((e, i) => {
    if (e.venueId !== null && !venueIds.has(e.venueId)) issues.push({ path: ['events', i, 'venueId'], message: `unknown venue "${e.venueId}"` })
  })
  c.services.forEach((s, i) => {
    if (s.venueId !== null && !venueIds.has(s.venueId)) issues.push({ path: ['services', i, 'venueId'], message: `unknown venue "${s.venueId}"` })
  })
  return issues
}

/** The holiday table must only hold years it declares announced, so a missing year reads "not announced". */
function practicalIssues(p: Practical): Issue[] {
  const issues: Issue[] = []
  const years = new Set(p.holidays.years)
  p.holidays.periods.forEach((h, i) => {
    for (const [key, day] of [['start', h.start], ['end', h.end]] as const) {
      if (!years.has(Number(day.slice(0, 4)))) issues.push({ path: ['practical', 'holidays', 'periods', i, key], message: `year ${day.slice(0, 4)} is not listed in holidays.years` })
    }
  })
  return issues
}

export const ContentSchema = v.pipe(
  v.strictObject({
    meta: MetaSchema,
    venues: v.array(VenueSchema),
    events: v.array(EventSchema),
    services: v.array(ServiceSchema),
    practical: PracticalSchema,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    for (const issue of [...crossIssues(dataset.value), ...practicalIssues(dataset.value.practical)]) {
      addIssue({
        message: issue.message,
        path: issue.path.map((key) => ({ type: 'object', origin: 'value', input: {}, key, value: undefined })) as [v.IssuePathItem, ...v.IssuePathItem[]],
      })
    }
  }),
)
export type Content = v.InferOutput<typeof ContentSchema>

export function formatPath(path: readonly { key: unknown }[] | undefined): string {
  if (!path || path.length === 0) return '(root)'
  return path
    .map((p, i) => (typeof p.key === 'number' ? `[${p.key}]` : `${i === 0 ? '' : '.'}${String(p.key)}`))
    .join('')
}

export type ContentResult = { ok: true; content: Content } | { ok: false; errors: string[] }

/** Checks an `openingHours` value; returns why it is invalid, or null. */
export type OpeningHoursCheck = (value: string) => string | null

export type ValidateOptions = {
  /**
   * The opening_hours syntax check. The build passes one (src/content/hours-build.ts, Node only); the
   * app does not, because it never evaluates the strings: it reads the build's `hoursTimeline`.
   */
  checkOpeningHours?: OpeningHoursCheck
}

function openingHoursErrors(raw: unknown, check: OpeningHoursCheck): string[] {
  const services = (raw as { services?: unknown } | null)?.services
  if (!Array.isArray(services)) return []
  return services.flatMap((s: unknown, i) => {
    const value = (s as { openingHours?: unknown } | null)?.openingHours
    if (typeof value !== 'string' || value.trim() === '') return []
    const why = check(value)
    return why === null ? [] : [`services[${i}].openingHours: invalid opening_hours "${value}": ${why}`]
  })
}

/** Validate raw content. Errors read like `events[3].start: invalid datetime`. */
export function validateContent(raw: unknown, options: ValidateOptions = {}): ContentResult {
  const result = v.safeParse(ContentSchema, raw, { abortPipeEarly: false })
  const hoursErrors = options.checkOpeningHours ? openingHoursErrors(raw, options.checkOpeningHours) : []
  if (result.success && hoursErrors.length === 0) return { ok: true, content: result.output }
  const errors = [...(result.success ? [] : result.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`)), ...hoursErrors]
  return { ok: false, errors: [...new Set(errors)] }
}
