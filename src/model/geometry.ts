import { z } from 'zod';

/** A box in PDF points, origin top-left of the (rotated, as displayed) page, y down. */
export const Box = z.object({
  x0: z.number(),
  top: z.number(),
  x1: z.number(),
  bottom: z.number(),
});
export type Box = z.infer<typeof Box>;
