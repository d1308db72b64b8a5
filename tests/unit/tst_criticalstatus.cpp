#include "models/CriticalStatus.h"
#include "models/SessionScope.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace calloutdesk;

class TestCriticalStatus : public QObject
{
    Q_OBJECT

private slots:
    void numbersAreTheSpecsNumbers()
    {
        QCOMPARE(CriticalStatusInfo::toInt(CriticalStatus::Normal), 0);
        QCOMPARE(CriticalStatusInfo::toInt(CriticalStatus::CalloutPending), 1);
        QCOMPARE(CriticalStatusInfo::toInt(CriticalStatus::CalloutDone), 2);
        QCOMPARE(CriticalStatusInfo::toInt(CriticalStatus::Abnormal), 3);
        QCOMPARE(CriticalStatusInfo::toInt(CriticalStatus::CalloutAttempted), 4);
        QCOMPARE(CriticalStatusInfo::all().size(), 5);
    }

    void labels()
    {
        QCOMPARE(CriticalStatusInfo::label(CriticalStatus::CalloutPending), u"Pending"_s);
        QCOMPARE(CriticalStatusInfo::label(CriticalStatus::CalloutDone), u"Done"_s);
        QCOMPARE(CriticalStatusInfo::label(CriticalStatus::CalloutAttempted), u"Attempted"_s);
        QCOMPARE(CriticalStatusInfo::label(CriticalStatus::Normal), u"Normal"_s);
        QCOMPARE(CriticalStatusInfo::label(CriticalStatus::Abnormal), u"Abnormal"_s);
    }

    void calloutStatusesAreOneTwoFour()
    {
        QList<int> numbers;
        for (const CriticalStatus status : CriticalStatusInfo::calloutStatuses())
            numbers << CriticalStatusInfo::toInt(status);
        std::sort(numbers.begin(), numbers.end());
        QCOMPARE(numbers, (QList<int>{1, 2, 4}));
        QVERIFY(!CriticalStatusInfo::isCalloutStatus(CriticalStatus::Normal));
        QVERIFY(!CriticalStatusInfo::isCalloutStatus(CriticalStatus::Abnormal));
        QVERIFY(CriticalStatusInfo::isCalloutStatus(CriticalStatus::CalloutAttempted));
    }

    void fromIntRoundTripsAndRefusesOthers()
    {
        for (const CriticalStatus status : CriticalStatusInfo::all())
            QCOMPARE(CriticalStatusInfo::fromInt(CriticalStatusInfo::toInt(status)), status);
        QVERIFY(!CriticalStatusInfo::fromInt(5).has_value());
        QVERIFY(!CriticalStatusInfo::fromInt(-1).has_value());
    }

    void sessionKinds()
    {
        const auto byDepartment = SessionScope::doctor(1, 7, u"Dr. A"_s, 0, {3, 2, 3});
        QCOMPARE(byDepartment.kind(), SessionKind::DoctorByDepartment);
        QVERIFY(byDepartment.isDoctor());
        QVERIFY(byDepartment.filtersByDepartment());
        QCOMPARE(byDepartment.departmentIds(), (QList<qint64>{2, 3}));

        const auto assigned = SessionScope::doctor(1, 8, u"Dr. B"_s, 2, {3});
        QCOMPARE(assigned.kind(), SessionKind::DoctorAssignedBills);
        QVERIFY(assigned.filtersByAssignedDoctor());
        QVERIFY(!assigned.filtersByDepartment());

        const auto sessionDepartments = SessionScope::labUser(1, 3, u"Tech"_s, 0, {5});
        QCOMPARE(sessionDepartments.kind(), SessionKind::LabUserSessionDepartments);
        QVERIFY(!sessionDepartments.isDoctor());
        QVERIFY(sessionDepartments.filtersByDepartment());

        const auto linked = SessionScope::labUser(1, 4, u"Tech"_s, 1, {5, 6});
        QCOMPARE(linked.kind(), SessionKind::LabUserLinkedDepartments);
        QVERIFY(linked.filtersByDepartment());

        const auto support = SessionScope::support(1, 9, u"Support"_s);
        QCOMPARE(support.kind(), SessionKind::Support);
        QVERIFY(!support.filtersByDepartment());
        QVERIFY(!support.filtersByAssignedDoctor());
        QVERIFY(support.isValid());
        QVERIFY(!support.sessionToken().isEmpty());
        QVERIFY(support.sessionToken() != linked.sessionToken());
    }

    void doctorWithoutDepartmentsSeesNoDepartment()
    {
        // An unlinked docType-0 doctor must be filtered to nothing, never to everything.
        const auto doctor = SessionScope::doctor(1, 7, u"Dr. A"_s, 0, {});
        QVERIFY(doctor.filtersByDepartment());
        QVERIFY(doctor.departmentIds().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCriticalStatus)
#include "tst_criticalstatus.moc"
