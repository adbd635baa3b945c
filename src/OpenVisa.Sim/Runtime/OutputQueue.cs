namespace OpenVisa.Sim.Runtime;

/// <summary>
/// The replies an instrument has queued, each with the time it becomes readable (a command's delay makes its reply
/// late). Replies live back to back in one buffer reused across messages, so queueing and reading allocate nothing.
/// Not thread-safe: the owning instrument holds its lock.
/// </summary>
internal sealed class OutputQueue
{
    private byte[] _data = new byte[1024];
    private int _dataStart;
    private int _dataEnd;
    private Entry[] _entries = new Entry[16];
    private int _head;
    private int _count;

    private struct Entry
    {
        public int Start;
        public int Length;
        public long ReadyAt;
        public string Command;
    }

    public int Count => _count;

    /// <summary>The bytes of all queued replies.</summary>
    public int ByteCount => _dataEnd - _dataStart;

    private int _pendingStart = -1;

    /// <summary>Starts a reply: append its bytes with <see cref="Append"/>, then <see cref="Commit"/> or <see cref="Abandon"/>.</summary>
    public void Begin()
    {
        if (_count == 0)
        {
            _dataStart = 0;
            _dataEnd = 0;
        }
        _pendingStart = _dataEnd;
    }

    /// <summary>True while a reply is begun and not committed.</summary>
    public bool IsBuilding => _pendingStart >= 0;

    /// <summary>The bytes appended to the reply being built.</summary>
    public int PendingLength => _pendingStart < 0 ? 0 : _dataEnd - _pendingStart;

    /// <summary>Appends to the reply being built.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureSpace(bytes.Length);
        bytes.CopyTo(_data.AsSpan(_dataEnd));
        _dataEnd += bytes.Length;
    }

    /// <summary>Ends the reply being built, readable from <paramref name="readyAt"/> (a Stopwatch timestamp).</summary>
    public void Commit(long readyAt, string command)
    {
        var start = _pendingStart;
        _pendingStart = -1;
        if (_count == _entries.Length)
        {
            var grown = new Entry[_entries.Length * 2];
            for (var k = 0; k < _count; k++)
                grown[k] = _entries[(_head + k) % _entries.Length];
            _entries = grown;
            _head = 0;
        }
        _entries[(_head + _count) % _entries.Length] = new Entry { Start = start, Length = _dataEnd - start, ReadyAt = readyAt, Command = command };
        _count++;
    }

    /// <summary>Drops the reply being built.</summary>
    public void Abandon()
    {
        if (_pendingStart >= 0)
            _dataEnd = _pendingStart;
        _pendingStart = -1;
    }

    /// <summary>The unread bytes of the oldest reply, its ready time and the command that produced it.</summary>
    public bool TryPeek(out ReadOnlySpan<byte> bytes, out long readyAt, out string command)
    {
        if (_count == 0)
        {
            bytes = default;
            readyAt = 0;
            command = "";
            return false;
        }
        ref var entry = ref _entries[_head];
        bytes = _data.AsSpan(entry.Start, entry.Length);
        readyAt = entry.ReadyAt;
        command = entry.Command;
        return true;
    }

    /// <summary>Consumes <paramref name="count"/> bytes of the oldest reply; true when that finished it.</summary>
    public bool Consume(int count)
    {
        ref var entry = ref _entries[_head];
        entry.Start += count;
        entry.Length -= count;
        if (entry.Length > 0)
            return false;
        _head = (_head + 1) % _entries.Length;
        _count--;
        if (_count > 0)
            _dataStart = _entries[_head].Start;
        else if (_pendingStart < 0)
            _dataStart = _dataEnd = 0;
        else
            _dataStart = _pendingStart;
        return true;
    }

    /// <summary>True when the oldest reply is readable at <paramref name="now"/>.</summary>
    public bool HasReady(long now) => _count > 0 && _entries[_head].ReadyAt <= now;

    /// <summary>The ready time of the oldest reply, or null when none is queued.</summary>
    public long? NextReadyAt => _count > 0 ? _entries[_head].ReadyAt : null;

    public void Clear()
    {
        _count = 0;
        _head = 0;
        _dataStart = 0;
        _dataEnd = 0;
        _pendingStart = -1;
    }

    private void EnsureSpace(int count)
    {
        if (_dataEnd + count <= _data.Length)
            return;
        var live = _dataEnd - _dataStart;
        if (_dataStart > 0 && live + count <= _data.Length)
        {
            // Move the live bytes to the front and shift every entry with them.
            _data.AsSpan(_dataStart, live).CopyTo(_data);
            for (var k = 0; k < _count; k++)
                _entries[(_head + k) % _entries.Length].Start -= _dataStart;
            if (_pendingStart >= 0)
                _pendingStart -= _dataStart;
            _dataEnd = live;
            _dataStart = 0;
            return;
        }
        Array.Resize(ref _data, Math.Max(_data.Length * 2, _dataEnd + count));
    }
}
