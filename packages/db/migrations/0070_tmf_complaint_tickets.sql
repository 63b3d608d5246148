-- TMF621 over complaints (docs/tmf.md): the TroubleTicket attributes a complaint has no column for,
-- echoed back as the client sent them, like the work-order ones of 0030.
ALTER TABLE complaints ADD COLUMN external_id text;
ALTER TABLE complaints ADD COLUMN tmf_severity text;
ALTER TABLE complaints ADD COLUMN tmf_priority text;
-- The bill the customer disputes (TMF relatedEntity role disputedBill, @referredType CustomerBill).
ALTER TABLE complaints ADD COLUMN disputed_bill text;
CREATE INDEX complaints_external_id ON complaints (external_id) WHERE external_id IS NOT NULL;

-- The API root (scheme + host + /tmf-api) a listener registered through: hrefs in events raised by
-- background work (the escalation scan, the revisit desk) are built on it, as no client request is at hand.
ALTER TABLE tmf_hubs ADD COLUMN api_root text;
