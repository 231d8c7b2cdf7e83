using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Bangfu.Common;

/// A resource in both languages, whatever the caller's language is (a sheet may come from either).
public static class Bilingual
{
    private static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];

    public static string[] Both(IStringLocalizer<SharedResource> text, string key)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            return Cultures.Select(c =>
            {
                CultureInfo.CurrentUICulture = c;
                return text[key].Value;
            }).Distinct().ToArray();
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
