// The search box loads in its own chunk and its index on first focus: the home route's entry stays small.
import { defineAsyncComponent } from 'vue'
import GlobalSearchSlot from './GlobalSearchSlot.vue'

export const LazyGlobalSearch = defineAsyncComponent({
  loader: () => import('./GlobalSearch.vue'),
  loadingComponent: GlobalSearchSlot,
  delay: 0,
})
