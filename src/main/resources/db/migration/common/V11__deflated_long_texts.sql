-- The long texts every change appends, kept deflated (zlib) when 512 bytes or longer: a batch's request parameters
-- in the audit log, its fan-out of names in the outbox. A row keeps its text in one column or the other, never both;
-- the rows written before this migration keep theirs plain. Why: DeflatedText and docs/benchmarks.md (recording).
ALTER TABLE audit_event ADD COLUMN request_parameters_deflated ${blob};
ALTER TABLE change_event ADD COLUMN fan_out_deflated ${blob};
