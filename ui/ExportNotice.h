#pragma once

#include <QLabel>

namespace calloutdesk {

// The status bar's word on the last export (SPEC U12, U5): "Exported 42 rows to
// /home/ana/Documents/worklist-….csv". A path can be longer than the bar, so its folders
// are elided to the room there is (the file's name stays readable) and the whole text is
// the tooltip; a temporary status message would be cut off instead.
class ExportNotice : public QLabel
{
    Q_OBJECT

public:
    explicit ExportNotice(QWidget *parent = nullptr);

    // `text` holds `path` once; when room is short the path's folders give way first,
    // from the left, so the file's name stays readable.
    void showNotice(const QString &text, const QString &path = QString());
    QString fullText() const { return m_full; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_full;
    QString m_path;
};

} // namespace calloutdesk
