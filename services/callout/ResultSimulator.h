#pragma once

#include "models/CriticalParameter.h"
#include "models/CriticalStatus.h"
#include "services/Failure.h"

#include <QDateTime>
#include <QList>
#include <QRandomGenerator>

#include <optional>
#include <vector>

namespace calloutdesk {

class DatabaseConnection;

// Writes new results into a lab as its laboratory system would (SPEC T6): each is a new
// order for one of the lab's patients with one completed report of one of the lab's
// tests and its values, result time now, and the critical status the program's own
// CriticalParameterEvaluator finds, all in one transaction with the index outbox entry.
// The catalogue, patients, referrals and organisations are the lab's own rows (the demo's
// after `calloutctl demo`), so nothing here is a second copy of the demo's pools.
// About criticalPercent of the results are drawn beyond a critical bound (low or high,
// beyond every age and sex range), the rest from the reference range; the status written
// is what the evaluator says, never the intent.
class ResultSimulator
{
public:
    static constexpr int criticalPercent = 80;

    struct Written
    {
        qint64 billId = 0;
        QString labBillId;
        qint64 reportId = 0;
        QString testName;
        QDateTime resultOn;
        CriticalStatus status = CriticalStatus::Normal;
        QList<CriticalParameter> criticalParameters;
    };

    explicit ResultSimulator(DatabaseConnection &connection,
                             quint32 seed = QRandomGenerator::global()->generate());

    // Reads the lab's catalogue and parties; refused when the lab does not exist or has no
    // patient or no test that can be critical. labId nullopt: the lowest lab id.
    Status load(std::optional<qint64> labId);
    qint64 labId() const { return m_labId; }

    // One new result, committed; nothing is left of it on failure.
    Result<Written> writeOne();

private:
    struct Range
    {
        std::optional<double> low, high;
    };
    struct Format
    {
        qint64 id = 0;
        QString referenceRange;
        std::optional<double> low, high; // the widest of the format's and its ranges'
    };
    struct Test
    {
        qint64 id = 0;
        QString name;
        std::vector<Format> formats;
        bool canBeCritical() const;
    };
    struct Patient
    {
        qint64 id = 0;
        QChar sex = u'U';
        QDate dateOfBirth;
    };

    Status loadCatalogue();
    Result<Patient> pickPatient();
    QString valueFor(const Format &format, bool critical);
    QString nextOrderNumber(const QDateTime &now);
    template <typename T> const T &any(const std::vector<T> &from)
    {
        return from[size_t(m_random.bounded(quint32(from.size())))];
    }

    DatabaseConnection &m_connection;
    QRandomGenerator m_random;
    qint64 m_labId = 0;
    qint64 m_firstPatientId = 0, m_lastPatientId = 0;
    std::vector<Test> m_tests;
    std::vector<qint64> m_referralIds, m_organisationIds;
};

} // namespace calloutdesk
