using System.Numerics;
using System.Security.Cryptography;

namespace Conductor.Rego.Builtins.Crypto;

/// <summary>
/// Ed25519 signatures (RFC 8032, section 5.1), which .NET does not provide. Arithmetic is on BigInteger in
/// extended coordinates: not constant time, which is fine for verification and for signing with keys that a
/// policy already holds in plain text (io.jwt.encode_sign).
/// </summary>
internal static class Ed25519
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);
    private static readonly Point Base = CreateBase();

    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64) return false;
        var a = Decode(publicKey);
        if (a is null) return false;
        var s = new BigInteger(signature[32..], isUnsigned: true);
        if (s >= L) return false;
        var k = HashToScalar(signature[..32], publicKey, message);
        // Cofactorless check as Go's crypto/ed25519: encode([S]B - [k]A) == R.
        var check = Add(Multiply(Base, s), Negate(Multiply(a.Value, k)));
        return Encode(check).AsSpan().SequenceEqual(signature[..32]);
    }

    /// <summary>The 32-byte public key of a 32-byte seed.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> seed)
    {
        var (a, _) = Expand(seed);
        return Encode(Multiply(Base, a));
    }

    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var (a, prefix) = Expand(seed);
        var publicKey = Encode(Multiply(Base, a));
        var r = Mod(new BigInteger(SHA512.HashData([.. prefix, .. message]), isUnsigned: true), L);
        var rEncoded = Encode(Multiply(Base, r));
        var k = HashToScalar(rEncoded, publicKey, message);
        var s = Mod(r + k * a, L);
        var signature = new byte[64];
        rEncoded.CopyTo(signature, 0);
        var sBytes = s.ToByteArray(isUnsigned: true);
        sBytes.CopyTo(signature, 32);
        return signature;
    }

    private static (BigInteger Scalar, byte[] Prefix) Expand(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32) throw new CryptographicException("Ed25519 seed must be 32 bytes");
        var h = SHA512.HashData(seed);
        h[0] &= 248;
        h[31] &= 127;
        h[31] |= 64;
        return (new BigInteger(h.AsSpan(0, 32), isUnsigned: true), h[32..]);
    }

    private static BigInteger HashToScalar(ReadOnlySpan<byte> r, ReadOnlySpan<byte> a, ReadOnlySpan<byte> m) =>
        Mod(new BigInteger(SHA512.HashData([.. r, .. a, .. m]), isUnsigned: true), L);

    private static BigInteger Mod(BigInteger x, BigInteger m)
    {
        var r = BigInteger.Remainder(x, m);
        return r.Sign < 0 ? r + m : r;
    }

    private static BigInteger Mod(BigInteger x) => Mod(x, P);

    private static BigInteger Inverse(BigInteger x) => BigInteger.ModPow(Mod(x), P - 2, P);

    private static Point Add(Point p, Point q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(2 * p.T * q.T * D);
        var d = Mod(2 * p.Z * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static Point Negate(Point p) => new(Mod(-p.X), p.Y, p.Z, Mod(-p.T));

    private static Point Multiply(Point p, BigInteger k)
    {
        var result = new Point(0, 1, 1, 0);
        var addend = p;
        while (k > 0)
        {
            if (!k.IsEven) result = Add(result, addend);
            addend = Add(addend, addend);
            k >>= 1;
        }
        return result;
    }

    private static byte[] Encode(Point p)
    {
        var zInv = Inverse(p.Z);
        var x = Mod(p.X * zInv);
        var y = Mod(p.Y * zInv);
        var bytes = new byte[32];
        y.ToByteArray(isUnsigned: true).CopyTo(bytes, 0);
        if (!x.IsEven) bytes[31] |= 0x80;
        return bytes;
    }

    private static BigInteger? RecoverX(BigInteger y, bool odd)
    {
        var y2 = Mod(y * y);
        var x2 = Mod((y2 - 1) * Inverse(D * y2 + 1));
        if (x2.IsZero) return odd ? null : BigInteger.Zero;
        var x = BigInteger.ModPow(x2, (P + 3) / 8, P);
        if (Mod(x * x - x2) != 0) x = Mod(x * SqrtMinusOne);
        if (Mod(x * x - x2) != 0) return null;
        if (!x.IsEven != odd) x = P - x;
        return x;
    }

    private static Point? Decode(ReadOnlySpan<byte> encoded)
    {
        var bytes = encoded.ToArray();
        var odd = (bytes[31] & 0x80) != 0;
        bytes[31] &= 0x7f;
        var y = new BigInteger(bytes, isUnsigned: true);
        if (y >= P) return null;
        var x = RecoverX(y, odd);
        if (x is null) return null;
        return new Point(x.Value, y, 1, Mod(x.Value * y));
    }

    private static Point CreateBase()
    {
        var y = Mod(4 * Inverse(5));
        var x = RecoverX(y, false)!.Value;
        return new Point(x, y, 1, Mod(x * y));
    }
}
