CREATE TABLE orders (
    id          BIGSERIAL PRIMARY KEY,
    customer    VARCHAR(200)   NOT NULL,
    total       NUMERIC(12, 2) NOT NULL,
    created_at  TIMESTAMPTZ    NOT NULL DEFAULT now()
);
