/** How many projects one page of /projects holds (a multiple of the grid's 2 and 3 columns). */
export const PROJECTS_PAGE_SIZE = 24;
/** How many the landing page's "recent projects" strip shows, and so asks for. */
export const RECENT_PROJECTS_SHOWN = 6;
