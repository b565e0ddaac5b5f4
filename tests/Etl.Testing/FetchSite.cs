namespace Etl.Testing;

/// <summary>A two-source site for fetch tests: one bulletin page that exists, one that does not (404), and their manifest.</summary>
public static class FetchSite
{
    /// <summary>Writes <c>site/</c> and <c>m.csv</c> under <paramref name="dir"/>; returns the site folder and the manifest path.</summary>
    public static (string Site, string Manifest) Write(TempDirectory dir)
    {
        Directory.CreateDirectory(dir.File("site/bulletins"));
        File.WriteAllText(dir.File("site/bulletins/a.html"), "<html><head><title>珠海市2018年国民经济和社会发展统计公报</title></head><body><p>全年地区生产总值2914.74亿元。</p></body></html>");
        File.WriteAllText(dir.File("m.csv"), """
            id,kind,city,year,url,media_type,sha256,path
            a,bulletin,珠海市,2018,bulletins/a.html,text/html,,bulletins/a.html
            gone,bulletin,珠海市,2019,bulletins/gone.html,text/html,,bulletins/gone.html
            """);
        return (dir.File("site"), dir.File("m.csv"));
    }
}
