import { chromium } from "playwright-core";
import { CHROMIUM_PATH } from "../../browser/support/chromium";

/**
 * Decodes images in a real browser and returns their pixel sizes. Only our own screenshot bytes
 * are loaded (as data: URLs in about:blank), never generated pages.
 */
export async function imageSizes(images: Buffer[], type = "image/jpeg"): Promise<{ width: number; height: number }[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
    const urls = images.map((image) => `data:${type};base64,${image.toString("base64")}`);
    return await page.evaluate(async (sources) => {
      const sizes = [];
      for (const src of sources) {
        const img = new Image();
        img.src = src;
        await img.decode();
        sizes.push({ width: img.naturalWidth, height: img.naturalHeight });
      }
      return sizes;
    }, urls);
  } finally {
    await browser.close();
  }
}
