/** Starting points for people who do not know what to ask for yet. */
export const EXAMPLE_PROMPTS = [
  { label: "Pricing page", prompt: "A pricing page with three plans (Free, Pro, Team), a monthly/yearly toggle and an FAQ below." },
  { label: "Todo app", prompt: "A todo app with add, complete and delete, filters for all/active/done, saved in localStorage." },
  { label: "Coffee shop landing", prompt: "A landing page for a neighbourhood coffee shop: hero with a photo-like gradient, menu, opening hours and a map link." },
  { label: "Tip calculator", prompt: "A tip calculator: bill amount, tip percentage buttons, number of people, and the amount per person." },
  { label: "Kanban board", prompt: "A kanban board with To do, Doing and Done columns where cards can be dragged between columns." },
] as const;
