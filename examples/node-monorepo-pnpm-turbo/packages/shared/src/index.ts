import { z } from 'zod';

export const orderSchema = z.object({
  sku: z.string().min(1),
  quantity: z.number().int().positive(),
});

export type Order = z.infer<typeof orderSchema>;
