import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AuthPage } from './auth/AuthPage';
import { RequireUser } from './auth/session';
import { PageLoading } from './cards/pieces';
import { ChatPage } from './chat/ChatPage';
import { AppShell } from './layout/AppShell';
import { NotFoundPage } from './pages/NotFoundPage';

// The chat is the landing page; the other pages (and recharts) load when first opened.
const AuditPage = lazy(() => import('./pages/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const AnalyticsPage = lazy(() => import('./pages/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })));
const ExecutionPage = lazy(() => import('./pages/ExecutionPage').then((m) => ({ default: m.ExecutionPage })));
const HistoryPage = lazy(() => import('./pages/HistoryPage').then((m) => ({ default: m.HistoryPage })));
const LibraryPage = lazy(() => import('./pages/LibraryPage').then((m) => ({ default: m.LibraryPage })));

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
                <Suspense fallback={<PageLoading />}>
                <Routes>
                  <Route path="/" element={<Navigate to="/chat" replace />} />
                  <Route path="/chat" element={<ChatPage />} />
                  <Route path="/chat/:threadId" element={<ChatPage />} />
                  <Route path="/library" element={<LibraryPage />} />
                  <Route path="/executions" element={<HistoryPage />} />
                  <Route path="/executions/:id" element={<ExecutionPage />} />
                  <Route path="/analytics" element={<AnalyticsPage />} />
                  {/* The server refuses audit.list to others too; this only spares them a dead page. */}
                  <Route path="/audit" element={user.role === 'admin' ? <AuditPage /> : <NotFoundPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Routes>
                </Suspense>
              </AppShell>
            )}
          </RequireUser>
        }
      />
    </Routes>
  );
}
