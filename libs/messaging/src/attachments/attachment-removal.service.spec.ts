import type { AttachmentRemovalQueue } from './attachment-removal.queue';
import { AttachmentRemovalService, storedKeys } from './attachment-removal.service';
import { OutboxConsumerRegistry } from '../outbox/outbox-consumer';
import type { AttachmentRecord, AttachmentRepository } from './attachment.repository';
import { AttachmentStorage } from './storage/attachment-storage';

class MemoryStorage extends AttachmentStorage {
  readonly files = new Map<string, Buffer>();
  failDeletes = 0;

  async put(key: string, bytes: Buffer): Promise<void> {
    this.files.set(key, bytes);
  }

  async get(key: string): Promise<Buffer | null> {
    return this.files.get(key) ?? null;
  }

  async delete(key: string): Promise<void> {
    if (this.failDeletes-- > 0) throw new Error('storage unavailable');
    this.files.delete(key);
  }
}

/** The rows the repository would hold: id → marked for removal or not. */
class MemoryRows {
  readonly rows = new Map<string, { record: AttachmentRecord; marked: boolean }>();

  readonly repository = {
    findMarked: async (id: string) => {
      const row = this.rows.get(id);
      return row?.marked ? row.record : null;
    },
    deleteMarked: async (id: string) => {
      if (this.rows.get(id)?.marked) this.rows.delete(id);
    },
  } as unknown as AttachmentRepository;

  add(id: string, marked: boolean, preview = true): AttachmentRecord {
    const record = {
      id,
      organisationId: '1',
      storageKey: `1/${id}/original`,
      previewKey: preview ? `1/${id}/preview` : null,
    } as AttachmentRecord;
    this.rows.set(id, { record, marked });
    return record;
  }
}

describe('AttachmentRemovalService.remove (the attachment.remove job)', () => {
  let storage: MemoryStorage;
  let rows: MemoryRows;
  let service: AttachmentRemovalService;

  const store = async (record: AttachmentRecord) => {
    for (const key of storedKeys(record)) await storage.put(key, Buffer.from(key));
  };

  beforeEach(() => {
    storage = new MemoryStorage();
    rows = new MemoryRows();
    service = new AttachmentRemovalService(
      rows.repository,
      storage,
      {} as AttachmentRemovalQueue,
      new OutboxConsumerRegistry(),
    );
  });

  it('removes the original and the preview, then the row', async () => {
    await store(rows.add('10', true));
    expect(await service.remove('10')).toEqual({ removed: true });
    expect([...storage.files.keys()]).toEqual([]);
    expect(rows.rows.has('10')).toBe(false);
  });

  it('is a no-op the second time (a job that runs twice)', async () => {
    await store(rows.add('10', true));
    await service.remove('10');
    expect(await service.remove('10')).toEqual({ removed: false });
  });

  it('finishes after a crash between removing the files and the row: missing files count as removed', async () => {
    rows.add('10', true); // files already gone, row still marked
    expect(await service.remove('10')).toEqual({ removed: true });
    expect(rows.rows.has('10')).toBe(false);
  });

  it('keeps the row marked when the storage fails, so a retry or the sweep finishes it', async () => {
    await store(rows.add('10', true));
    storage.failDeletes = 1;
    await expect(service.remove('10')).rejects.toThrow('storage unavailable');
    expect(rows.rows.has('10')).toBe(true);
    expect(await service.remove('10')).toEqual({ removed: true });
    expect(storage.files.size).toBe(0);
  });

  it('never touches the files of an attachment that is not marked', async () => {
    await store(rows.add('11', false));
    expect(await service.remove('11')).toEqual({ removed: false });
    expect(storage.files.size).toBe(2);
    expect(await service.remove('404')).toEqual({ removed: false });
  });

  it('knows the keys of an attachment without a preview', () => {
    expect(storedKeys(rows.add('12', true, false))).toEqual(['1/12/original']);
  });
});
