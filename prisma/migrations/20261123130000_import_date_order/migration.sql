-- How a saved import mapping reads dates like 05/01/2027: 'DMY' or 'MDY' (NULL: not needed or not chosen).
ALTER TABLE "ImportMapping" ADD COLUMN "dateOrder" TEXT;
