using System.Globalization;
using System.Text;
using Etl.Domain.Ipc;

namespace Etl.Simulator.Writers.Patents;

/// <summary>How IPC lists, dates and application numbers are written in one export.</summary>
internal sealed record PatentFormats(int IpcNotation, int DateStyle, int NumberStyle)
{
    /// <summary>Number of IPC notations <see cref="Ipc"/> knows.</summary>
    public const int IpcNotations = 8;

    /// <summary>An IPC list in this export's notation (first code = main code).</summary>
    public string Ipc(IReadOnlyList<IpcCode> codes, int year)
    {
        var separator = IpcNotation switch { 1 => "; ", 2 => "|", 3 => ",", 5 => "；", 6 => "；", 7 => " ", _ => ";" };
        var list = new StringBuilder(16 * codes.Count);
        for (var i = 0; i < codes.Count; i++)
        {
            if (i > 0) list.Append(separator);
            AppendCode(list, codes[i]);
        }
        return list.ToString();
    }

    /// <summary>One code in this export's notation; the interpolations write into the list (no string per code).</summary>
    private void AppendCode(StringBuilder list, IpcCode c)
    {
        var invariant = CultureInfo.InvariantCulture;
        var sub = c.Subgroup;
        switch (IpcNotation)
        {
            case 1 or 7: list.Append(invariant, $"{c.Subclass} {c.MainGroup}/{sub}"); break;
            case 2: list.Append(invariant, $"{c.Subclass}{c.MainGroup:D4}").Append(sub.PadRight(6, '0')); break;
            case 3: list.Append(invariant, $"{c.Subclass}-{c.MainGroup:D3}/{sub}"); break;
            case 4: list.Append(invariant, $"{c.Subclass}{c.MainGroup}/{sub}({Math.Max(World.IpcPools.IntroducedIn(c), 2006)}.01)"); break;
            case 5: list.Append(string.Create(invariant, $"{c.Subclass}{c.MainGroup}/{sub}").ToLowerInvariant()); break;
            case 6: list.Append(FullWidth(string.Create(invariant, $"{c.Subclass}{c.MainGroup}/{sub}"))); break;
            default: list.Append(invariant, $"{c.Subclass}{c.MainGroup}/{sub}"); break;
        }
    }

    /// <summary>An application date.</summary>
    public string Date(DateOnly d) => DateStyle switch
    {
        1 => $"{d.Year}/{d.Month}/{d.Day}",
        2 => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        3 => d.ToString("yyyy.MM.dd", CultureInfo.InvariantCulture),
        4 => $"{d.Year}年{d.Month}月{d.Day}日",
        _ => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>A CNIPA application number (year, kind digit, 7-digit serial, check character).</summary>
    public string ApplicationNumber(int year, int kind, int serial)
    {
        var digits = string.Create(CultureInfo.InvariantCulture, $"{year}{kind}{serial:D7}");
        var check = CheckCharacter(digits);
        return NumberStyle switch
        {
            1 => $"{digits}.{check}",
            2 => $"{digits}{check}",
            3 => $"CN{digits}{check}",
            _ => $"CN{digits}.{check}",
        };
    }

    /// <summary>The check character of a 12-digit application number: weights 2-9,2-5 modulo 11, 10 written X.</summary>
    public static char CheckCharacter(string digits)
    {
        int[] weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (digits[i] - '0') * weights[i];
        var r = sum % 11;
        return r == 10 ? 'X' : (char)('0' + r);
    }

    private static string FullWidth(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) sb.Append(Etl.Domain.Text.TextNormalizer.ToFullWidth(c));
        return sb.ToString();
    }
}
