using System.IO.Compression;

namespace IpPlatform.Kernel.Files;

/// <summary>The file types applicants may upload, recognised by their content (a renamed file is not accepted).</summary>
public enum FileKind
{
    Pdf,
    Jpeg,
    Png,
    Ofd,
    Docx,
    Xlsx,
}

public static class FileKinds
{
    public static string ContentType(this FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        FileKind.Ofd => "application/ofd",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    public static string Label(this FileKind kind) => kind switch
    {
        FileKind.Pdf => "PDF",
        FileKind.Jpeg => "JPEG 图片",
        FileKind.Png => "PNG 图片",
        FileKind.Ofd => "OFD 版式文件",
        FileKind.Docx => "Word 文档（.docx）",
        FileKind.Xlsx => "Excel 表格（.xlsx）",
        _ => kind.ToString(),
    };

    /// <summary>Reads the start of a file (and, for zip containers, the entry names) to tell what it really is.</summary>
    public static FileKind? Detect(string path)
    {
        Span<byte> head = stackalloc byte[8];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.Read(head);
        }

        head = head[..read];
        if (head.StartsWith("%PDF-"u8))
        {
            return FileKind.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return FileKind.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileKind.Png;
        }

        return head.StartsWith("PK\u0003\u0004"u8) ? DetectZipContainer(path) : null;
    }

    private static FileKind? DetectZipContainer(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Contains("OFD.xml"))
            {
                return FileKind.Ofd;
            }

            if (names.Contains("[Content_Types].xml"))
            {
                if (names.Contains("word/document.xml"))
                {
                    return FileKind.Docx;
                }

                if (names.Contains("xl/workbook.xml"))
                {
                    return FileKind.Xlsx;
                }
            }
        }
        catch (InvalidDataException)
        {
        }

        return null;
    }
}
