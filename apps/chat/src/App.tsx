import { Navigate, Route, Routes } from 'react-router';
import { AuthPage } from './auth/AuthPage';
import { RequireUser } from './auth/session';
import { ChatPage } from './chat/ChatPage';
import { AppShell } from './layout/AppShell';
import { AnalyticsPage } from './pages/AnalyticsPage';
import { ExecutionPage } from './pages/ExecutionPage';
import { HistoryPage } from './pages/HistoryPage';
import { LibraryPage } from './pages/LibraryPage';
import { NotFoundPage } from './pages/NotFoundPage';

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<AuthPage mode="sign-in" />} />
      <Route path="/sign-up" element={<AuthPage mode="sign-up" />} />
      <Route
        path="*"
        element={
          <RequireUser>
            {(user) => (
              <AppShell user={user}>
                <Routes>
                  <Route path="/" element={<Navigate to="/chat" replace />} />
                  <Route path="/chat" element={<ChatPage />} />
                  <Route path="/chat/:threadId" element={<ChatPage />} />
                  <Route path="/library" element={<LibraryPage />} />
                  <Route path="/executions" element={<HistoryPage />} />
                  <Route path="/executions/:id" element={<ExecutionPage />} />
                  <Route path="/analytics" element={<AnalyticsPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Routes>
              </AppShell>
            )}
          </RequireUser>
        }
      />
    </Routes>
  );
}
