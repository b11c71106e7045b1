import { createRouter, createWebHistory, START_LOCATION, type RouteRecordRaw } from 'vue-router'
import HomePageNow from '../pages/HomePage.vue'
import { whenIdle } from '../domain/idle'
import { recoverNavigationErrors, withChunkRecovery } from '../composables/use-chunk-recovery'
import { hydratedInTurn } from '../composables/use-hydrated'

// Over the markup rendered at build time, Home hydrates in a task of its own (src/composables/use-hydrated.ts).
const HomePage = hydratedInTurn(HomePageNow)

// Home loads with the entry; every other page is its own lazy chunk.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { nav: 'home' } },
  { path: '/map', name: 'map', component: () => import('../pages/MapPage.vue'), meta: { nav: 'map' } },
  { path: '/events', name: 'events', component: () => import('../pages/EventsPage.vue'), meta: { nav: 'events' } },
  { path: '/events/:id', name: 'event', component: () => import('../pages/EventDetailPage.vue'), props: true, meta: { nav: 'events' } },
  { path: '/plan', name: 'plan', component: () => import('../pages/PlanPage.vue'), meta: { nav: 'events' } },
  { path: '/venues/:id', name: 'venue', component: () => import('../pages/VenueDetailPage.vue'), props: true, meta: { nav: 'map' } },
  { path: '/services', name: 'services', component: () => import('../pages/ServicesPage.vue'), meta: { nav: 'services' } },
  { path: '/services/:id', name: 'service', component: () => import('../pages/ServiceDetailPage.vue'), props: true, meta: { nav: 'services' } },
  { path: '/info', name: 'info', component: () => import('../pages/InfoPage.vue'), meta: { nav: 'info' } },
  { path: '/info/essentials', name: 'essentials', component: () => import('../pages/EssentialsPage.vue'), meta: { nav: 'info' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../pages/NotFoundPage.vue') },
]

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes: withChunkRecovery(routes),
    // The first page of a visit is already at the top: scrolling there would only force an early layout.
    scrollBehavior: (_to, from, saved) => saved ?? (from === START_LOCATION ? false : { top: 0 }),
  })
  // In-app event reminders run whatever page is open; they load after the first page, outside the entry, once
  // the page is idle (so their module preloads are not added during the start): the nearest reminder is
  // minutes away, the first paint is not.
  void router.isReady().then(() => whenIdle(() => {
    void import('../composables/use-reminders').then((m) => m.startReminders()).catch(() => undefined)
  }))
  recoverNavigationErrors(router)
  return router
}
