namespace OpenVisa.Sim.PyVisaSim;

/// <summary>
/// Python's <c>random</c> generator (MT19937 seeded by <c>init_by_array</c>, 53-bit <c>random()</c>), so a seeded simulator
/// gives the numbers pyvisa-sim gives after <c>random.seed(n)</c>: with seed 42, <c>{RANDOM(0, 10.5, 1):.2f}</c> answers 7.79.
/// Not thread-safe: each simulated instrument owns one and uses it under its lock.
/// </summary>
internal sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index = N + 1;
    private double? _nextGauss;

    public PythonRandom(long seed) => Seed(seed);

    /// <summary>Seeds as <c>random.seed(seed)</c> does for an integer: the key is |seed| in 32-bit words, least significant first.</summary>
    public void Seed(long seed)
    {
        var magnitude = seed < 0 ? (ulong)(-(seed + 1)) + 1 : (ulong)seed;
        uint[] key = magnitude >> 32 == 0 ? [(uint)magnitude] : [(uint)magnitude, (uint)(magnitude >> 32)];
        InitByArray(key);
        _nextGauss = null;
    }

    private void InitGenrand(uint s)
    {
        _state[0] = s;
        for (var i = 1; i < N; i++)
            _state[i] = unchecked(1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i);
        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Length); k > 0; k--)
        {
            _state[i] = unchecked((_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j);
            i++;
            j++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }
            if (j >= key.Length)
                j = 0;
        }
        for (var k = N - 1; k > 0; k--)
        {
            _state[i] = unchecked((_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941u)) - (uint)i);
            i++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }
        }
        _state[0] = 0x80000000u;
    }

    /// <summary>The next 32 random bits (<c>genrand_uint32</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
            Twist();
        var y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (var k = 0; k < N; k++)
        {
            var y = (_state[k] & 0x80000000u) | (_state[(k + 1) % N] & 0x7fffffffu);
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
        }
        _index = 0;
    }

    /// <summary><c>random.random()</c>: a float in [0, 1) with 53 random bits.</summary>
    public double Random()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary><c>random.uniform(a, b)</c>.</summary>
    public double Uniform(double a, double b) => a + (b - a) * Random();

    /// <summary><c>random.getrandbits(k)</c> for k up to 64.</summary>
    public ulong GetRandBits(int k)
    {
        if (k <= 32)
            return NextUInt32() >> (32 - k);
        ulong low = NextUInt32();
        ulong high = NextUInt32() >> (64 - k);
        return low | (high << 32);
    }

    /// <summary><c>random.randint(a, b)</c>, both ends included.</summary>
    public long RandInt(long a, long b)
    {
        if (b < a)
            throw new ArgumentException($"empty range for randint({a}, {b})");
        return a + (long)RandBelow((ulong)(b - a) + 1);
    }

    /// <summary>A random index below <paramref name="n"/> as Python's <c>_randbelow</c>.</summary>
    public ulong RandBelow(ulong n)
    {
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(n);
        var r = GetRandBits(bits);
        while (r >= n)
            r = GetRandBits(bits);
        return r;
    }

    /// <summary><c>random.gauss(mu, sigma)</c>, which keeps the second value of each Box-Muller pair.</summary>
    public double Gauss(double mu, double sigma)
    {
        var z = _nextGauss;
        _nextGauss = null;
        if (z is null)
        {
            var angle = Random() * 2 * Math.PI;
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - Random()));
            z = Math.Cos(angle) * radius;
            _nextGauss = Math.Sin(angle) * radius;
        }
        return mu + z.Value * sigma;
    }
}
