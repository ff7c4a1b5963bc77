-- pitwall schema v7: the steps a loaded job needs besides its first and latest ones (issue 14): stage
-- changes (the labour clock and the live ETA) and the wash, found without reading the
-- rest of a long history.
CREATE INDEX job_timeline_stage_changes ON job_timeline(job_id, id)
    WHERE from_stage IS NULL OR from_stage != to_stage OR action = 'finish_wash';

-- How many steps each job's timeline has, kept by the insert itself: counting a long
-- history's index on every load was the profile's top entry.
ALTER TABLE jobs ADD COLUMN timeline_total INTEGER NOT NULL DEFAULT 0;
UPDATE jobs SET timeline_total = (SELECT COUNT(*) FROM job_timeline t WHERE t.job_id = jobs.id);
CREATE TRIGGER job_timeline_counted AFTER INSERT ON job_timeline BEGIN
    UPDATE jobs SET timeline_total = timeline_total + 1 WHERE id = NEW.job_id;
END;
