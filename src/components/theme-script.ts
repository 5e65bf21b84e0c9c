/** Where the user's choice is kept: "light" or "dark"; absent means "follow the system". */
export const THEME_STORAGE_KEY = "ollio-theme";

/**
 * Runs in <head> before the first paint, so a dark page never flashes light: it applies the
 * stored choice, or the system's, as the `dark` class on <html> (Tailwind's dark variant).
 */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);var r=document.documentElement;r.classList.toggle("dark",d);r.style.colorScheme=d?"dark":"light"}catch(e){}})()`;
