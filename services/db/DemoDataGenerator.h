#pragma once

#include "services/Failure.h"

#include <QDate>

namespace calloutdesk {

class DatabaseConnection;

// Fills an empty, migrated database with a deterministic sample lab: the same seed,
// order count and anchor date always give the same rows. Everything is written in one
// transaction with multi-row inserts, so a million reports load in well under two
// minutes on PostgreSQL, and a failure leaves the database empty. Every row is one the
// program's own actions could have written (the callout engine, sign-off and its
// always_notify gate, V2 visibility), so the demo shows what a lab would see.
class DemoDataGenerator
{
public:
    struct Options
    {
        quint64 seed = 1;
        int orders = 400;
        // Order dates lie in the 60 days before the day before this date; results follow
        // within a day, so none lies after the anchor.
        QDate anchor = QDate::currentDate();
    };

    struct Summary
    {
        qint64 labs = 0;
        qint64 patients = 0;
        qint64 orders = 0;
        qint64 reports = 0;
        qint64 reportValues = 0;
        qint64 callouts = 0;
        qint64 milliseconds = 0;
    };

    static constexpr int maxOrders = 5'000'000;

    explicit DemoDataGenerator(DatabaseConnection &connection);

    Result<Summary> generate(const Options &options);

private:
    DatabaseConnection &m_connection;
};

} // namespace calloutdesk
