-- Whether listeners already heard of a resource (an appointment's first event is its CreateEvent,
-- whichever change gave the work order its window): looked up by resource key.
CREATE INDEX tmf_events_resource_idx ON tmf_events (resource_key, id);
