#pragma once

#include "models/ComplianceReport.h"
#include "services/Failure.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace calloutdesk {

class ExportWriter;

// Writes a compliance report (SPEC T5) to a file for a quality meeting. CSV and XLSX hold two
// tables: the figures (a row per department's week, department's whole period, the lab's
// weeks and the lab's whole period) and the breaches. XLSX has them as two worksheets; CSV,
// being one table a file, writes the breaches beside FILE as FILE-breaches.csv (see
// breachesPath). JSON is the whole report. Every file appears whole or not at all (X1).
class ComplianceExporter
{
    Q_DECLARE_TR_FUNCTIONS(ComplianceExporter)

public:
    // A new format is a value here, a key in formatKey() and a case in write().
    enum class Format
    {
        Csv,
        Json,
        Xlsx,
        Pdf // painted: needs a QGuiApplication (CompliancePdfWriter)
    };

    static QString formatKey(Format format);
    static std::optional<Format> formatFromKey(const QString &key);
    static QStringList formatKeys();

    // The files written for `path`: one, or two for CSV.
    static QStringList paths(Format format, const QString &path);
    // "june.csv" -> "june-breaches.csv".
    static QString breachesPath(const QString &path);

    static QJsonObject toJson(const ComplianceReport &report);

    Status write(const ComplianceReport &report, Format format, const QString &path) const;

private:
    static Status writeFigures(const ComplianceReport &report, ExportWriter &writer);
    static Status writeBreaches(const ComplianceReport &report, ExportWriter &writer);
    Status writeCsv(const ComplianceReport &report, const QString &path) const;
    Status writeXlsx(const ComplianceReport &report, const QString &path) const;
    Status writeJson(const ComplianceReport &report, const QString &path) const;
};

} // namespace calloutdesk
