namespace DealDesk.Data.Monitoring;

/// <summary>The last <c>capacity</c> items, thread-safe; older ones are overwritten.</summary>
internal sealed class RingBuffer<T>(int capacity)
{
    private readonly T[] _items = new T[capacity];
    private readonly Lock _gate = new();
    private int _next;
    private int _count;

    public void Add(T item)
    {
        lock (_gate)
        {
            _items[_next] = item;
            _next = (_next + 1) % capacity;
            if (_count < capacity) _count++;
        }
    }

    public List<T> NewestFirst()
    {
        lock (_gate)
        {
            var list = new List<T>(_count);
            for (var i = 1; i <= _count; i++) list.Add(_items[(_next - i + capacity) % capacity]);
            return list;
        }
    }

    public List<T> OldestFirst()
    {
        var list = NewestFirst();
        list.Reverse();
        return list;
    }
}
